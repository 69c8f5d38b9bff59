INSERT INTO contacts VALUES (1, 'a@b', 3);
