-- README: column privileges granted then partly revoked: a column REVOKE takes the named columns only and leaves the table-level privilege; a table REVOKE takes the column privileges too
CREATE TABLE ledger (id int PRIMARY KEY, amount int, note text, secret text);
GRANT SELECT (id, amount, note, secret), UPDATE (note, secret) ON ledger TO PUBLIC;
REVOKE SELECT (secret) ON ledger FROM PUBLIC;
REVOKE UPDATE (secret) ON ledger FROM PUBLIC;
GRANT INSERT ON ledger TO PUBLIC;
REVOKE INSERT (amount) ON ledger FROM PUBLIC;
GRANT REFERENCES (id, amount) ON ledger TO PUBLIC;
REVOKE REFERENCES ON ledger FROM PUBLIC;
