CREATE DOMAIN old_code AS text CHECK (VALUE <> '');
CREATE TABLE sales (day date, amount numeric);
