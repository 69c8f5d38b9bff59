INSERT INTO accounts VALUES (1, 'a@x', 'A', 'hello'), (2, 'b@x', 'B', NULL);
