INSERT INTO tags VALUES (1, 'Rust'), (2, 'sql');
