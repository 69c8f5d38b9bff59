CREATE TABLE products (id int PRIMARY KEY, name text, sku text, price numeric CHECK (price > 0), CONSTRAINT sku_upper CHECK (sku = upper(sku)));
CREATE INDEX products_sku_idx ON products (sku);
CREATE VIEW skus AS SELECT id, sku FROM products;
CREATE VIEW names AS SELECT id, name FROM products;
