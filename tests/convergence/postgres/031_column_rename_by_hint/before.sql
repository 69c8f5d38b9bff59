CREATE TABLE people (id int PRIMARY KEY, fname text NOT NULL, lname text);
CREATE INDEX people_fname_idx ON people (fname);
