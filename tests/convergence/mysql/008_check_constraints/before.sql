CREATE TABLE products (id int PRIMARY KEY, price decimal(10,2) NOT NULL, stock int, CONSTRAINT price_nonneg CHECK (price >= 0), CONSTRAINT stock_nonneg CHECK (stock >= 0));
