-- README: a trigger function's body changes and its trigger gains an event and a WHEN clause
CREATE TABLE audit (id int PRIMARY KEY, msg text);
CREATE TABLE things (id int PRIMARY KEY, name text);
CREATE FUNCTION log_thing() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO audit VALUES (NEW.id, TG_OP || ' ' || NEW.name);
  RETURN NEW;
END
$$;
CREATE TRIGGER things_log AFTER INSERT OR UPDATE ON things FOR EACH ROW WHEN (NEW.name IS NOT NULL) EXECUTE FUNCTION log_thing();
