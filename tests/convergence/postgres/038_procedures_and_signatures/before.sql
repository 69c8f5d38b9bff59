CREATE PROCEDURE archive(days int) LANGUAGE sql AS $$ SELECT 1 $$;
CREATE FUNCTION add(a int, b int) RETURNS int LANGUAGE sql IMMUTABLE AS $$ SELECT a + b $$;
