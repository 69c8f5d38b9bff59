-- README: a column dropped with the index and view that use it
CREATE TABLE products (id INTEGER PRIMARY KEY, name TEXT);
