CREATE TABLE customer (id INTEGER PRIMARY KEY, fname TEXT);
CREATE TABLE purchase (id INTEGER PRIMARY KEY, customer_id INTEGER REFERENCES customer (id));
