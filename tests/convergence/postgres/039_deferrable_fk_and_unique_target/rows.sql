INSERT INTO parents VALUES (1), (2);
INSERT INTO children VALUES (1, 1), (2, 2);
