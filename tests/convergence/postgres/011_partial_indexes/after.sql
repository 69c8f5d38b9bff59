-- README: an index becomes partial; a partial unique index is added
CREATE TABLE orders (id int PRIMARY KEY, customer text, status text, total numeric);
CREATE INDEX orders_status_idx ON orders (status) WHERE status <> 'done';
CREATE UNIQUE INDEX orders_customer_open_idx ON orders (customer) WHERE status = 'open';
