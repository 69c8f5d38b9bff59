CREATE TABLE accounts (id int PRIMARY KEY, email varchar(100), name varchar(100), bio text, KEY accounts_name_idx (name));
