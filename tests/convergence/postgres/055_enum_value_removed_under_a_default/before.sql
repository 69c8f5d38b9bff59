CREATE TYPE mood AS ENUM ('ok', 'meh');
CREATE TABLE t (id integer PRIMARY KEY, m mood DEFAULT 'meh');
