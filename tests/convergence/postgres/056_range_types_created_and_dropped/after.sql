-- README: range types created (in another schema, with subtype_diff and a named multirange a column uses; over text with a collation and a comment) and one dropped with the table using it
CREATE SCHEMA app;
CREATE TYPE app.span AS RANGE (subtype = float8, subtype_diff = float8mi, multirange_type_name = app.spans);
CREATE TYPE textspan AS RANGE (subtype = text, collation = "C");
COMMENT ON TYPE textspan IS 'names';
CREATE TABLE slots (id int PRIMARY KEY, free app.spans, names textspan);
