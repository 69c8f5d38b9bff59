CREATE TABLE docs (id int PRIMARY KEY, owner text, public boolean DEFAULT false);
ALTER TABLE docs ENABLE ROW LEVEL SECURITY;
CREATE POLICY docs_read ON docs FOR SELECT USING (public);
CREATE POLICY docs_write ON docs FOR UPDATE USING (owner = current_user);
