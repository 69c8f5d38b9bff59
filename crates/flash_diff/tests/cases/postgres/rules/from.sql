CREATE TABLE accounts (id int PRIMARY KEY, balance int NOT NULL DEFAULT 0);
CREATE TABLE audit (account_id int, balance int);
CREATE TABLE tags (id int PRIMARY KEY, label text);
CREATE RULE accounts_audit AS ON UPDATE TO accounts DO ALSO INSERT INTO audit VALUES (new.id, new.balance);
CREATE RULE tags_frozen AS ON UPDATE TO tags DO INSTEAD NOTHING;
CREATE RULE tags_keep AS ON DELETE TO tags DO INSTEAD NOTHING;
COMMENT ON RULE tags_frozen ON tags IS 'labels do not change';
