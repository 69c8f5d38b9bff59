INSERT INTO items VALUES (1, 'apple', 'x'), (2, 'pear', NULL);
