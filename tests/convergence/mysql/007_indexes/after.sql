-- README: indexes: a unique key added, an index's columns and order change, a prefix index, a FULLTEXT index
CREATE TABLE accounts (id int PRIMARY KEY, email varchar(100), name varchar(100), bio text,
  UNIQUE KEY accounts_email_key (email), KEY accounts_name_idx (name DESC, email), KEY accounts_bio_idx (bio(20)), FULLTEXT KEY accounts_bio_ft (bio));
