INSERT INTO paints VALUES (1, 'red'), (2, 'blue');
