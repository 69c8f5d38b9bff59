INSERT INTO parents VALUES (1);
INSERT INTO kids VALUES (1, 1, 3), (2, 1, 5);
