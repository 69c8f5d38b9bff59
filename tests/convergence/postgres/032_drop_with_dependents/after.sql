-- README: a table dropped with the FK, view and function that depend on it
CREATE TABLE other (id int PRIMARY KEY);
