INSERT INTO old_scores VALUES (1, '[1.5,2.5)'), (2, NULL);
INSERT INTO slots VALUES (1), (2), (3);
