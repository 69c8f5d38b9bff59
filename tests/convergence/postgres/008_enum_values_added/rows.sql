INSERT INTO docs VALUES (1, 'draft'), (2, 'published');
