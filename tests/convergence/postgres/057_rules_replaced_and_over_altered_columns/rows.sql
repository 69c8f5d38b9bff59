INSERT INTO accounts VALUES (1, 10, 'a'), (2, 200, 'b');
INSERT INTO audit VALUES (1, 0, 10);
INSERT INTO tags VALUES (1, 'x');
