CREATE TABLE orders (id INTEGER PRIMARY KEY, customer TEXT, status TEXT, total REAL);
CREATE INDEX orders_status_idx ON orders (status);
