CREATE TYPE floatrange AS RANGE (subtype = float8);
CREATE TABLE old_scores (id int PRIMARY KEY, score floatrange);
CREATE TABLE slots (id int PRIMARY KEY);
