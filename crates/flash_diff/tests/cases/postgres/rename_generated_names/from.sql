CREATE TABLE customer (id serial PRIMARY KEY, email text UNIQUE, parent int REFERENCES customer (id), age int CHECK (age > 0));
CREATE INDEX customer_age_idx ON customer (age);
CREATE TABLE purchase (id int PRIMARY KEY, customer_id int REFERENCES customer (id));
