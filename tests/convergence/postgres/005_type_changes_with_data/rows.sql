INSERT INTO measures VALUES (1, 10, 'ab', 1.5, 'true', '2024-01-01 10:00:00'), (2, -3, NULL, NULL, 'false', NULL);
