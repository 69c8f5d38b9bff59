CREATE TABLE countries (code char(2) PRIMARY KEY, name text);
CREATE TABLE addresses (id int PRIMARY KEY, country char(2) REFERENCES countries (code));
CREATE INDEX addresses_country_idx ON addresses (country);
