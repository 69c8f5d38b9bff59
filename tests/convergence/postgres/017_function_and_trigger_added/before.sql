CREATE TABLE notes (id int PRIMARY KEY, body text, updated_at timestamptz);
