-- README: a table renamed by hint keeps its rows and the FK pointing at it
-- flash:renamed-from customer
CREATE TABLE client (id int PRIMARY KEY, name text);
CREATE TABLE purchase (id int PRIMARY KEY, customer_id int REFERENCES client (id));
