-- README: a table and a column renamed by hint (native RENAME); the FK follows the table
-- flash:renamed-from customer
CREATE TABLE client (
  id INTEGER PRIMARY KEY,
  -- flash:renamed-from fname
  first_name TEXT
);
CREATE TABLE purchase (id INTEGER PRIMARY KEY, customer_id INTEGER REFERENCES client (id));
