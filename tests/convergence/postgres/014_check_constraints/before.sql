CREATE TABLE products (id int PRIMARY KEY, price numeric NOT NULL CHECK (price >= 0), stock int, CONSTRAINT stock_nonneg CHECK (stock >= 0));
