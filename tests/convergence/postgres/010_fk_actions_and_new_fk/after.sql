-- README: FK actions changed and a new named FK added over existing rows
CREATE TABLE authors (id int PRIMARY KEY, name text);
CREATE TABLE books (id int PRIMARY KEY, author_id int REFERENCES authors (id) ON DELETE CASCADE ON UPDATE CASCADE, editor_id int CONSTRAINT books_editor_fk REFERENCES authors (id) ON DELETE SET NULL);
