-- README: a generated column becomes STORED; a virtual one is added
CREATE TABLE boxes (id INTEGER PRIMARY KEY, w INTEGER NOT NULL, h INTEGER NOT NULL, area INTEGER GENERATED ALWAYS AS (w * h) STORED, perimeter INTEGER AS (2 * (w + h)));
