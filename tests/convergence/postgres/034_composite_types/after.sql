-- README: a composite type gains an attribute while in use; a new composite type and column
CREATE TYPE address AS (street text, city text, zip varchar(10));
CREATE TYPE money_amount AS (amount numeric(12,2), currency char(3));
CREATE TABLE shops (id int PRIMARY KEY, addr address, turnover money_amount);
