INSERT INTO zz_accounts VALUES (1, 5), (2, 5000);
