INSERT INTO products VALUES (1, 'pen', 'P1'), (2, 'ink', 'I1');
