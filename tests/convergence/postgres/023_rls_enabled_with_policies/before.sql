CREATE TABLE secrets (id int PRIMARY KEY, owner name NOT NULL DEFAULT current_user, body text);
