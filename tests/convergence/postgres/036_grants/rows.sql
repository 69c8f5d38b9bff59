INSERT INTO reports VALUES (1, 'abc');
