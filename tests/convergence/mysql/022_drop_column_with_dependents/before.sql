CREATE TABLE products (id int PRIMARY KEY, name varchar(50), sku varchar(20), KEY products_sku_idx (sku), KEY products_name_sku_idx (name, sku));
CREATE VIEW names AS SELECT id, name FROM products;
