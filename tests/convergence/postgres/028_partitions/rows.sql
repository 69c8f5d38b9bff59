INSERT INTO measurements VALUES (1, '2024-03-01', 1.5), (2, '2023-05-01', 2);
