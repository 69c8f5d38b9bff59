INSERT INTO authors VALUES (1, 'Le Guin'), (2, 'Pratchett');
INSERT INTO books VALUES (10, 1, 2), (11, 2, NULL);
