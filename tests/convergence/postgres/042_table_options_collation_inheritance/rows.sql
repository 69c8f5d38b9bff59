INSERT INTO logs VALUES (1, 'boot');
INSERT INTO cache VALUES ('a', 'b');
