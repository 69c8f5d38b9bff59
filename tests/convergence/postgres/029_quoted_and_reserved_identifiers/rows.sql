INSERT INTO "user" VALUES (1, 'x', 3);
INSERT INTO "order" VALUES (1, 1);
