CREATE TABLE audit (id int PRIMARY KEY, msg text);
CREATE TABLE things (id int PRIMARY KEY, name text);
CREATE FUNCTION log_thing() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO audit VALUES (NEW.id, 'insert ' || NEW.name);
  RETURN NEW;
END
$$;
CREATE TRIGGER things_log AFTER INSERT ON things FOR EACH ROW EXECUTE FUNCTION log_thing();
