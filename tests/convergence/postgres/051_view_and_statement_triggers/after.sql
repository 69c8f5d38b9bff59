-- README: an INSTEAD OF trigger on a view and a statement trigger with a transition table
CREATE TABLE stock (id int PRIMARY KEY, qty int NOT NULL DEFAULT 0);
CREATE TABLE stock_log (at timestamptz DEFAULT now(), n bigint);
CREATE VIEW stock_view AS SELECT id, qty FROM stock;
CREATE FUNCTION stock_view_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO stock VALUES (NEW.id, NEW.qty);
  RETURN NEW;
END
$$;
CREATE TRIGGER stock_view_insert INSTEAD OF INSERT ON stock_view FOR EACH ROW EXECUTE FUNCTION stock_view_insert();
CREATE FUNCTION stock_count_changes() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO stock_log (n) SELECT count(*) FROM new_rows;
  RETURN NULL;
END
$$;
CREATE TRIGGER stock_count_changes AFTER UPDATE ON stock REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION stock_count_changes();
