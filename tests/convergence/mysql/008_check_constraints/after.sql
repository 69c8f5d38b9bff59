-- README: CHECK constraints changed, dropped and added
CREATE TABLE products (id int PRIMARY KEY, price decimal(10,2) NOT NULL, stock int, discount decimal(10,2),
  CONSTRAINT price_nonneg CHECK (price > 0), CONSTRAINT discount_below_price CHECK (discount IS NULL OR discount < price));
