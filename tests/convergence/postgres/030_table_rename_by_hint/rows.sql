INSERT INTO customer VALUES (1, 'acme');
INSERT INTO purchase VALUES (1, 1);
