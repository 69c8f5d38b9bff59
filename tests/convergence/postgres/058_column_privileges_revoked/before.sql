CREATE TABLE ledger (id int PRIMARY KEY, amount int, note text, secret text);
GRANT SELECT (id, secret), UPDATE (secret) ON ledger TO PUBLIC;
