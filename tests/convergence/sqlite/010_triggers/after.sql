-- README: triggers added on a table that also gains a column
CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT, updated_at TEXT, version INTEGER NOT NULL DEFAULT 1);
CREATE TABLE audit (note_id INTEGER, what TEXT);
CREATE TRIGGER notes_touch AFTER UPDATE OF body ON notes FOR EACH ROW
BEGIN
  UPDATE notes SET updated_at = datetime('now'), version = OLD.version + 1 WHERE id = NEW.id;
END;
CREATE TRIGGER notes_audit AFTER INSERT ON notes WHEN NEW.body IS NOT NULL
BEGIN
  INSERT INTO audit VALUES (NEW.id, 'insert');
END;
