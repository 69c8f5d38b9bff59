INSERT INTO wide VALUES (1, 5, 'x', '2024-01-01', true), (2, 7, 'y', NULL, NULL);
