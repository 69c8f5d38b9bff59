CREATE TABLE notes (id int PRIMARY KEY, body text, updated_at datetime);
CREATE TABLE audit (note_id int, what varchar(20));
