-- flash:renamed-from customer
CREATE TABLE client (id serial PRIMARY KEY, email text UNIQUE, parent int REFERENCES client (id), age int CHECK (age > 0));
CREATE INDEX client_age_idx ON client (age);
CREATE TABLE purchase (id int PRIMARY KEY, customer_id int REFERENCES client (id));
