CREATE DOMAIN email AS text CHECK (VALUE LIKE '%@%');
CREATE DOMAIN positive_int AS int CHECK (VALUE > 0);
CREATE TABLE contacts (id int PRIMARY KEY, mail email, qty positive_int);
