INSERT INTO users VALUES (1, 'a@x.org');
INSERT INTO posts VALUES (1, 1);
