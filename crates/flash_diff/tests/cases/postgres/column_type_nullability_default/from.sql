CREATE TABLE t (a integer, b text NOT NULL, c text DEFAULT 'x');
