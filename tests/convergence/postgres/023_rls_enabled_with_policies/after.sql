-- README: RLS enabled and forced; a permissive and a restrictive policy added
CREATE TABLE secrets (id int PRIMARY KEY, owner name NOT NULL DEFAULT current_user, body text);
ALTER TABLE secrets ENABLE ROW LEVEL SECURITY;
ALTER TABLE secrets FORCE ROW LEVEL SECURITY;
CREATE POLICY secrets_owner ON secrets FOR ALL TO PUBLIC USING (owner = current_user) WITH CHECK (owner = current_user);
CREATE POLICY secrets_read ON secrets AS RESTRICTIVE FOR SELECT USING (body IS NOT NULL);
