-- A range dropped with its table, one created in a new schema with a multirange column using it, a comment on a
-- kept range and on the undeclared public schema.
COMMENT ON SCHEMA public IS 'ranges';
CREATE SCHEMA app;
CREATE TYPE app.span AS RANGE (subtype = float8, subtype_diff = float8mi, multirange_type_name = app.spans);
CREATE TYPE textspan AS RANGE (subtype = text, collation = "C");
COMMENT ON TYPE textspan IS 'names';
CREATE TABLE t (id int PRIMARY KEY, s textspan, many app.spans);
CREATE TABLE u (id int PRIMARY KEY, r app.span);
