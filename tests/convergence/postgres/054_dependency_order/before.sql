CREATE TABLE zz_accounts (id integer PRIMARY KEY, balance integer NOT NULL);
CREATE VIEW b_rich AS SELECT id, balance FROM zz_accounts WHERE balance > 1000;
CREATE VIEW a_richest AS SELECT max(balance) AS top FROM b_rich;
