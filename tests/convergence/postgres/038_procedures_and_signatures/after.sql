-- README: a procedure's language and body change; a function gains a parameter (a new signature, the old one dropped)
CREATE TABLE archive_log (at timestamptz DEFAULT now(), days int);
CREATE PROCEDURE archive(days int) LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO archive_log (days) VALUES (days);
END
$$;
CREATE FUNCTION add(a int, b int, c int DEFAULT 0) RETURNS int LANGUAGE sql IMMUTABLE STRICT AS $$ SELECT a + b + c $$;
