-- README: CHECK constraints: one changed, one dropped, a multi-column one added
CREATE TABLE products (id int PRIMARY KEY, price numeric NOT NULL CHECK (price > 0), stock int, discount numeric,
  CONSTRAINT discount_below_price CHECK (discount IS NULL OR discount < price));
