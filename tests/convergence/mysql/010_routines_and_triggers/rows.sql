INSERT INTO notes VALUES (1, 'first', NULL);
