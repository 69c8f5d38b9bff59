-- README: an enum value removed (type rebuild) while a column's default names the old type: the default goes before the conversion, the target's after
CREATE TYPE mood AS ENUM ('ok');
CREATE TABLE t (id integer PRIMARY KEY, m mood);
