CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
CREATE TABLE diary (id int PRIMARY KEY, mood mood, score int);
CREATE TYPE floatrange AS RANGE (subtype = float8);
