-- README: columns added to a table with rows, one NOT NULL with a default
CREATE TABLE items (id int PRIMARY KEY, name text NOT NULL, price numeric(10,2) NOT NULL DEFAULT 0, note text);
