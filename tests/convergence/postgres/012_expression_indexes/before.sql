CREATE TABLE accounts (id int PRIMARY KEY, email text NOT NULL, name text);
CREATE INDEX accounts_email_idx ON accounts (email);
