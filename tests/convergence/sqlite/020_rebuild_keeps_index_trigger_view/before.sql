CREATE TABLE authors (id INTEGER PRIMARY KEY, name TEXT);
CREATE TABLE books (id INTEGER PRIMARY KEY, title TEXT NOT NULL);
CREATE INDEX books_title_idx ON books (title);
CREATE TRIGGER books_trim AFTER INSERT ON books BEGIN UPDATE books SET title = trim(title) WHERE id = NEW.id; END;
CREATE VIEW titles AS SELECT title FROM books;
