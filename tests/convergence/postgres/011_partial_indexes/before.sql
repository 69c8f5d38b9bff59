CREATE TABLE orders (id int PRIMARY KEY, customer text, status text, total numeric);
CREATE INDEX orders_status_idx ON orders (status);
