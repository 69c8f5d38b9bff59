CREATE SEQUENCE invoice_no START 100;
CREATE TABLE invoices (id int PRIMARY KEY, no bigint DEFAULT nextval('invoice_no'));
