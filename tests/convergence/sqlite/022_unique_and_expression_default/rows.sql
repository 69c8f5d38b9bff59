INSERT INTO settings VALUES (1, 'theme', 'dark');
