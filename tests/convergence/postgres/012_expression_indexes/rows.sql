INSERT INTO accounts VALUES (1, 'A@x.org', 'A'), (2, 'b@x.org', NULL);
