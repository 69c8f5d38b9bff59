INSERT INTO diary VALUES (1, 'ok', 3), (2, 'happy', 5);
