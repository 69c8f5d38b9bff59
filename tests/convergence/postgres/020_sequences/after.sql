-- README: a standalone sequence's options change; a new sequence owned by a column
CREATE SEQUENCE invoice_no AS bigint START 100 INCREMENT 5 MINVALUE 100 CACHE 10 CYCLE;
CREATE SEQUENCE order_no;
CREATE TABLE invoices (id int PRIMARY KEY, no bigint DEFAULT nextval('invoice_no'), order_no bigint DEFAULT nextval('order_no'));
ALTER SEQUENCE order_no OWNED BY invoices.order_no;
