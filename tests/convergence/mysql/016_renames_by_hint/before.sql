CREATE TABLE customer (id int PRIMARY KEY, fname varchar(50));
CREATE TABLE purchase (id int PRIMARY KEY, customer_id int, CONSTRAINT purchase_customer_fk FOREIGN KEY (customer_id) REFERENCES customer (id));
