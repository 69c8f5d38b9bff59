-- README: a generated column becomes STORED and wider; a VIRTUAL one is added
CREATE TABLE boxes (id int PRIMARY KEY, w int NOT NULL, h int NOT NULL, area bigint AS (w * h) STORED, perimeter int AS (2 * (w + h)) VIRTUAL);
