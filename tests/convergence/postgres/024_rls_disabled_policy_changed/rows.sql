INSERT INTO docs VALUES (1, 'me', true);
