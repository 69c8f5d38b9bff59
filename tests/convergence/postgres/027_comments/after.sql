-- README: comments added, changed and dropped on schema, table, column, constraint, index, function, view
CREATE TABLE cities (id int PRIMARY KEY, name text, pop int CONSTRAINT pop_positive CHECK (pop > 0));
CREATE INDEX cities_name_idx ON cities (name);
CREATE FUNCTION city_count() RETURNS bigint LANGUAGE sql AS $$ SELECT count(*) FROM cities $$;
CREATE VIEW big_cities AS SELECT * FROM cities WHERE pop > 1000000;
COMMENT ON SCHEMA public IS 'the app';
COMMENT ON TABLE cities IS 'Cities of the world; it''s quoted';
COMMENT ON COLUMN cities.name IS 'English name';
COMMENT ON CONSTRAINT pop_positive ON cities IS 'no ghost towns';
COMMENT ON INDEX cities_name_idx IS 'for search';
COMMENT ON FUNCTION city_count() IS 'how many';
COMMENT ON VIEW big_cities IS 'over a million';
