INSERT INTO users (email) VALUES ('a@example.com'), ('b@example.com');
INSERT INTO posts VALUES (1, 1, 'hello');
