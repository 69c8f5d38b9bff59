INSERT INTO measurements VALUES (1, 2024, 1.5), (2, 2023, 2);
