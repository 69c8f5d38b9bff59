-- README: two columns renamed by hint, one also changing type, with an index following the rename
CREATE TABLE people (
  id int PRIMARY KEY,
  -- flash:renamed-from fname
  first_name text NOT NULL,
  -- flash:renamed-from lname
  last_name varchar(100)
);
CREATE INDEX people_fname_idx ON people (first_name);
