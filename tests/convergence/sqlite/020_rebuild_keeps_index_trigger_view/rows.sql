INSERT INTO authors VALUES (1, 'a');
INSERT INTO books VALUES (1, ' x '), (2, 'y');
