-- README: a table and a column renamed by hint; the FK follows the table
-- flash:renamed-from customer
CREATE TABLE client (
  id int PRIMARY KEY,
  -- flash:renamed-from fname
  first_name varchar(50)
);
CREATE TABLE purchase (id int PRIMARY KEY, customer_id int, CONSTRAINT purchase_customer_fk FOREIGN KEY (customer_id) REFERENCES client (id));
