INSERT INTO secrets (id, body) VALUES (1, 'x');
