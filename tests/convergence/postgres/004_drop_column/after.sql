-- README: a column dropped, the other columns' data kept
CREATE TABLE items (id int PRIMARY KEY, name text NOT NULL);
