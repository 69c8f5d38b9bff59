INSERT INTO "order" VALUES (1, 'x', 3);
INSERT INTO "group" VALUES (1);
