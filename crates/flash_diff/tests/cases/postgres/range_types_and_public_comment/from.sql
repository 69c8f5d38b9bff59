CREATE TYPE floatrange AS RANGE (subtype = float8);
CREATE TYPE textspan AS RANGE (subtype = text, collation = "C");
CREATE TABLE t (id int PRIMARY KEY, s textspan);
CREATE TABLE old_scores (id int PRIMARY KEY, score floatrange);
