CREATE TABLE accounts (id int PRIMARY KEY, balance bigint NOT NULL DEFAULT 0);
CREATE TABLE audit (account_id int, balance bigint);
CREATE TABLE tags (id int PRIMARY KEY, label text);
CREATE RULE accounts_audit AS ON UPDATE TO accounts DO ALSO INSERT INTO audit VALUES (new.id, new.balance);
CREATE RULE tags_frozen AS ON UPDATE TO tags WHERE old.id > 0 DO INSTEAD NOTHING;
CREATE RULE tags_log AS ON INSERT TO tags DO ALSO (NOTIFY tags; INSERT INTO audit VALUES (new.id, 0));
COMMENT ON RULE tags_frozen ON tags IS 'labels do not change';
COMMENT ON RULE tags_log ON tags IS 'new tags are announced';
