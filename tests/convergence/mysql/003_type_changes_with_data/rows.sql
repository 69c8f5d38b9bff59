INSERT INTO measures VALUES (1, 10, 'ab', 1.5, 'x', '1'), (2, -3, NULL, NULL, NULL, '0');
