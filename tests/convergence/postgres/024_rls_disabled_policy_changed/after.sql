-- README: RLS disabled; one policy's USING changes, another is dropped
CREATE TABLE docs (id int PRIMARY KEY, owner text, public boolean DEFAULT false);
CREATE POLICY docs_read ON docs FOR SELECT USING (public OR owner = current_user);
