-- README: CHECK constraints changed and added (an enum-like CHECK gains and loses values); a composite UNIQUE added
CREATE TABLE products (id INTEGER PRIMARY KEY, price REAL NOT NULL CHECK (price > 0), stock INTEGER CHECK (stock >= 0), status TEXT CHECK (status IN ('new', 'used', 'old')),
  CONSTRAINT sku UNIQUE (price, stock));
