INSERT INTO members VALUES (1, 1, 1, 'a'), (2, 1, 2, NULL), (3, 2, 1, 'b');
