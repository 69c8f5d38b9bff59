CREATE TABLE products (id INTEGER PRIMARY KEY, name TEXT, sku TEXT);
CREATE INDEX products_sku_idx ON products (sku);
CREATE VIEW skus AS SELECT id, sku FROM products;
