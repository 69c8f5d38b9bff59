-- README: expression indexes: lower(email) replaces a plain index, a DESC NULLS LAST expression index
CREATE TABLE accounts (id int PRIMARY KEY, email text NOT NULL, name text);
CREATE UNIQUE INDEX accounts_email_idx ON accounts (lower(email));
CREATE INDEX accounts_name_idx ON accounts ((coalesce(name, '')) DESC NULLS LAST);
