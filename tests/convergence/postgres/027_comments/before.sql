CREATE TABLE cities (id int PRIMARY KEY, name text, pop int);
COMMENT ON TABLE cities IS 'old comment';
COMMENT ON COLUMN cities.pop IS 'population';
