-- README: comments on an enum, a domain, a policy and a trigger; a trigger disabled
CREATE TYPE state AS ENUM ('on', 'off');
CREATE DOMAIN percent AS int CHECK (VALUE BETWEEN 0 AND 100);
CREATE TABLE dials (id int PRIMARY KEY, s state, p percent);
ALTER TABLE dials ENABLE ROW LEVEL SECURITY;
CREATE POLICY dials_all ON dials USING (true);
CREATE FUNCTION noop_trg() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
CREATE TRIGGER dials_noop BEFORE INSERT ON dials FOR EACH ROW EXECUTE FUNCTION noop_trg();
ALTER TABLE dials DISABLE TRIGGER dials_noop;
COMMENT ON TYPE state IS 'power state';
COMMENT ON DOMAIN percent IS '0 to 100';
COMMENT ON POLICY dials_all ON dials IS 'everyone';
COMMENT ON TRIGGER dials_noop ON dials IS 'does nothing';
