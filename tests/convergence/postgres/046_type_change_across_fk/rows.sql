INSERT INTO countries VALUES ('fr', 'France'), ('no', 'Norway');
INSERT INTO addresses VALUES (1, 'fr'), (2, 'no');
