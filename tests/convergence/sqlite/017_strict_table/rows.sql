INSERT INTO kv VALUES ('a', 'b'), ('c', '1');
