INSERT INTO events VALUES (1, 'click', '2024-01-01', '{"x":1}'), (2, 'view', '2024-01-02', NULL);
