CREATE TABLE reports (id int PRIMARY KEY, body text);
CREATE FUNCTION report_len(r_id int) RETURNS int LANGUAGE sql AS $$ SELECT length(body) FROM reports WHERE id = r_id $$;
