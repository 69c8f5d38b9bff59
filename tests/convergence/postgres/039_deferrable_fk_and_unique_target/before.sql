CREATE TABLE parents (id int PRIMARY KEY);
CREATE TABLE children (id int PRIMARY KEY, parent_id int NOT NULL, CONSTRAINT children_parent_fk FOREIGN KEY (parent_id) REFERENCES parents (id));
