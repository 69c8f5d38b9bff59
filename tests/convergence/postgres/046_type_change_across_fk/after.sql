-- README: a key's type changes on both sides of an FK, with an index on the referencing column
CREATE TABLE countries (code varchar(3) PRIMARY KEY, name text);
CREATE TABLE addresses (id int PRIMARY KEY, country varchar(3) REFERENCES countries (code));
CREATE INDEX addresses_country_idx ON addresses (country);
