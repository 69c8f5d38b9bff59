-- README: objects whose names sort against their dependency order: a view over a view named after it (created and dropped), a table whose default calls a function named after it and whose foreign key targets a kept table, a SQL function whose body reads a table named after it
CREATE TABLE zz_accounts (id integer PRIMARY KEY, balance integer NOT NULL);
CREATE VIEW b_poor AS SELECT id, balance FROM zz_accounts WHERE balance < 10;
CREATE VIEW a_poorest AS SELECT min(balance) AS bottom FROM b_poor;
CREATE FUNCTION next_ledger_id() RETURNS integer LANGUAGE plpgsql AS $$ BEGIN RETURN 1; END $$;
CREATE TABLE m_ledger (
    id integer PRIMARY KEY DEFAULT next_ledger_id(),
    account_id integer NOT NULL REFERENCES zz_accounts (id),
    amount integer NOT NULL
);
CREATE FUNCTION a_ledger_total() RETURNS bigint LANGUAGE sql STABLE AS $$ SELECT coalesce(sum(amount), 0) FROM m_ledger $$;
