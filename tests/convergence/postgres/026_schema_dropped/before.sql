CREATE SCHEMA old_stuff;
CREATE TABLE old_stuff.t (id int PRIMARY KEY);
CREATE TABLE keep (id int PRIMARY KEY);
