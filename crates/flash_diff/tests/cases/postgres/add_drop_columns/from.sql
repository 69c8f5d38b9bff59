CREATE TABLE users (id bigint PRIMARY KEY, legacy text, email text);
