-- README: a column dropped with the index, CHECK and view that use it; another view on the table stays
CREATE TABLE products (id int PRIMARY KEY, name text, price numeric CHECK (price > 0));
CREATE VIEW names AS SELECT id, name FROM products;
