CREATE TABLE people (id INTEGER PRIMARY KEY, fname TEXT NOT NULL, lname TEXT);
CREATE INDEX people_fname_idx ON people (fname);
CREATE VIEW first_names AS SELECT fname FROM people;
