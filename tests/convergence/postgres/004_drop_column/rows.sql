INSERT INTO items VALUES (1, 'apple', 'A1'), (2, 'pear', NULL);
