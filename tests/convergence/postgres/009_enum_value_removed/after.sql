-- README: an unused enum value removed (type rebuild) under a column with a default and a view
CREATE TYPE color AS ENUM ('red', 'green', 'blue');
CREATE TABLE paints (id int PRIMARY KEY, color color NOT NULL DEFAULT 'red');
CREATE VIEW red_paints AS SELECT id FROM paints WHERE color = 'red';
