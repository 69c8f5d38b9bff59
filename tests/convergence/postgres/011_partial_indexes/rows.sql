INSERT INTO orders VALUES (1, 'ann', 'open', 10), (2, 'ann', 'done', 5), (3, 'bob', 'open', 7);
