CREATE TABLE products (id INTEGER PRIMARY KEY, price REAL NOT NULL CHECK (price >= 0), stock INTEGER, status TEXT CHECK (status IN ('new', 'old', 'junk')));
