-- README: NOT NULL set on one column and dropped from another
CREATE TABLE people (id int PRIMARY KEY, name text NOT NULL, nickname text);
