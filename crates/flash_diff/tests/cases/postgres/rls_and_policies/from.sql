CREATE TABLE d (id bigint PRIMARY KEY, owner text);
