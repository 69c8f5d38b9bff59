-- README: a generated column's expression changes (drop and re-add) and another is added
CREATE TABLE boxes (id int PRIMARY KEY, w int NOT NULL, h int NOT NULL, area bigint GENERATED ALWAYS AS (w::bigint * h) STORED,
  perimeter int GENERATED ALWAYS AS (2 * (w + h)) STORED);
