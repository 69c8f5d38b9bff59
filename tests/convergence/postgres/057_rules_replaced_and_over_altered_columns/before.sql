CREATE TABLE accounts (id int PRIMARY KEY, balance int NOT NULL DEFAULT 0, note varchar(20));
CREATE TABLE audit (account_id int, old_balance int, new_balance int);
CREATE TABLE tags (id int PRIMARY KEY, label text);
CREATE VIEW rich AS SELECT id, balance FROM accounts WHERE balance > 100;
CREATE RULE accounts_audit AS ON UPDATE TO accounts WHERE new.balance <> old.balance
    DO ALSO INSERT INTO audit VALUES (new.id, old.balance, new.balance);
CREATE RULE accounts_keep AS ON DELETE TO accounts DO INSTEAD NOTHING;
CREATE RULE rich_insert AS ON INSERT TO rich
    DO INSTEAD INSERT INTO accounts (id, balance) VALUES (new.id, new.balance);
CREATE RULE tags_frozen AS ON UPDATE TO tags DO INSTEAD NOTHING;
COMMENT ON RULE accounts_keep ON accounts IS 'accounts are never deleted';
COMMENT ON RULE tags_frozen ON tags IS 'labels do not change';
