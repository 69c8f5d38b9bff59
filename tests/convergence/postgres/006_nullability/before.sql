CREATE TABLE people (id int PRIMARY KEY, name text, nickname text NOT NULL);
