CREATE DOMAIN email AS text NOT NULL CHECK (VALUE ~ '@');
CREATE TYPE money_pair AS (amount numeric(12,2), currency char(3));
CREATE TABLE sales (day date, amount numeric, id serial);
CREATE MATERIALIZED VIEW daily AS SELECT day, sum(amount) AS total FROM sales GROUP BY day WITH NO DATA;
CREATE TABLE contacts (id bigint PRIMARY KEY, address email, price money_pair);
