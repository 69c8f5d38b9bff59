-- README: an FK becomes DEFERRABLE INITIALLY DEFERRED; a new FK to a new UNIQUE column
CREATE TABLE parents (id int PRIMARY KEY, code text UNIQUE);
CREATE TABLE children (id int PRIMARY KEY, parent_id int NOT NULL, parent_code text,
  CONSTRAINT children_parent_fk FOREIGN KEY (parent_id) REFERENCES parents (id) DEFERRABLE INITIALLY DEFERRED,
  CONSTRAINT children_code_fk FOREIGN KEY (parent_code) REFERENCES parents (code) MATCH FULL);
