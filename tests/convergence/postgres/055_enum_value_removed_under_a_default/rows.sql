INSERT INTO t VALUES (1, 'ok'), (2, 'ok');
