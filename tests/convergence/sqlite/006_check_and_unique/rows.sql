INSERT INTO products VALUES (1, 10, 5, 'new'), (2, 3.5, 0, 'old');
