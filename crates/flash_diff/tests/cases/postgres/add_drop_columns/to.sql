CREATE TABLE users (id bigint PRIMARY KEY, email text, created_at timestamptz NOT NULL DEFAULT now());
