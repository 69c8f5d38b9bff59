INSERT INTO ledger VALUES (1, 10, 'first', 'hidden');
