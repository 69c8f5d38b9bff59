INSERT INTO staff VALUES (1, 'Ann', 1000), (2, 'Bob', 2000);
