INSERT INTO sales VALUES (1, 'north', 10), (2, 'south', 5);
