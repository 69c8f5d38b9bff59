INSERT INTO tickets (title) VALUES ('a'), ('b');
INSERT INTO codes (code) VALUES ('x');
