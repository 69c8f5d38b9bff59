INSERT INTO accounts VALUES (1, 10, true), (2, 5000, true);
