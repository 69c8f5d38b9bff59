INSERT INTO stable VALUES (1, 'a');
