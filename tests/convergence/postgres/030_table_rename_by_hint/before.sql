CREATE TABLE customer (id int PRIMARY KEY, name text);
CREATE TABLE purchase (id int PRIMARY KEY, customer_id int REFERENCES customer (id));
