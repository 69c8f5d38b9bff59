INSERT INTO shops VALUES (1, ROW('Main St', 'Oslo'));
