CREATE TABLE accounts (id int PRIMARY KEY, balance numeric, active boolean DEFAULT true);
CREATE VIEW active_accounts AS SELECT id, balance FROM accounts WHERE active;
