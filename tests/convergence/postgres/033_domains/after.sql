-- README: domains: CHECK changed and NOT NULL added, a default added, a new domain used by a new column
CREATE DOMAIN email AS text NOT NULL CHECK (VALUE ~ '^[^@]+@[^@]+$');
CREATE DOMAIN positive_int AS int DEFAULT 1 CONSTRAINT positive_int_check CHECK (VALUE > 0);
CREATE DOMAIN short_text AS varchar(20);
CREATE TABLE contacts (id int PRIMARY KEY, mail email, qty positive_int, label short_text);
