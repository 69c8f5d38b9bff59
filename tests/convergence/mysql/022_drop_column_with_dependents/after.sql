-- README: a column dropped: its index goes, a two-column index shrinks, a view on other columns stays
CREATE TABLE products (id int PRIMARY KEY, name varchar(50), KEY products_name_sku_idx (name));
CREATE VIEW names AS SELECT id, name FROM products;
