-- README: an index becomes partial; a partial unique index; an expression index with DESC
CREATE TABLE orders (id INTEGER PRIMARY KEY, customer TEXT, status TEXT, total REAL);
CREATE INDEX orders_status_idx ON orders (status) WHERE status <> 'done';
CREATE UNIQUE INDEX orders_customer_open_idx ON orders (customer) WHERE status = 'open';
CREATE INDEX orders_lower_customer_idx ON orders (lower(customer), total DESC);
