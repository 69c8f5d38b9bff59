INSERT INTO measures VALUES (1, 10, 'ab', 1.5), (2, -3, NULL, NULL);
