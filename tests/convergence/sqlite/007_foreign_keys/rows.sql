INSERT INTO authors VALUES (1, 'a'), (2, 'b');
INSERT INTO books VALUES (1, 1, 2);
