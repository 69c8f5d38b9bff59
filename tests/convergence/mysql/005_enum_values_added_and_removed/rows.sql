INSERT INTO docs VALUES (1, 'draft', 'a'), (2, 'published', 'a,b');
