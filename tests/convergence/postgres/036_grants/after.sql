-- README: grants: table and column privileges to PUBLIC, function EXECUTE revoked
CREATE TABLE reports (id int PRIMARY KEY, body text);
GRANT SELECT ON reports TO PUBLIC;
GRANT UPDATE (body) ON reports TO PUBLIC;
CREATE FUNCTION report_len(r_id int) RETURNS int LANGUAGE sql AS $$ SELECT length(body) FROM reports WHERE id = r_id $$;
REVOKE EXECUTE ON FUNCTION report_len(int) FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO PUBLIC;
