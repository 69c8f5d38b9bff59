-- README: a function, a procedure and two triggers added
CREATE TABLE notes (id int PRIMARY KEY, body text, updated_at datetime);
CREATE TABLE audit (note_id int, what varchar(20));
DELIMITER //
CREATE FUNCTION note_count() RETURNS int READS SQL DATA
BEGIN
  RETURN (SELECT count(*) FROM notes);
END//
CREATE PROCEDURE purge_notes(IN older_than datetime)
BEGIN
  DELETE FROM notes WHERE updated_at < older_than;
END//
CREATE TRIGGER notes_touch BEFORE UPDATE ON notes FOR EACH ROW
BEGIN
  SET NEW.updated_at = NOW();
END//
CREATE TRIGGER notes_audit AFTER INSERT ON notes FOR EACH ROW INSERT INTO audit VALUES (NEW.id, 'insert')//
DELIMITER ;
