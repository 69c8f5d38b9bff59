INSERT INTO dials VALUES (1, 'on', 50);
