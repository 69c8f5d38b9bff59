-- README: view options (security_barrier, CHECK OPTION) change; a view on a view is added
CREATE TABLE accounts (id int PRIMARY KEY, balance numeric, active boolean DEFAULT true);
CREATE VIEW active_accounts WITH (security_barrier = true) AS SELECT id, balance FROM accounts WHERE active WITH LOCAL CHECK OPTION;
CREATE VIEW rich_accounts AS SELECT id FROM active_accounts WHERE balance > 1000;
