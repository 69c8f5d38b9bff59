CREATE TABLE d (id bigint PRIMARY KEY, owner text);
ALTER TABLE d ENABLE ROW LEVEL SECURITY;
CREATE POLICY mine ON d USING (owner = current_user);
