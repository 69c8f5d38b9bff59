CREATE TABLE docs (id int PRIMARY KEY, status enum('draft','published','junk') NOT NULL DEFAULT 'draft', tags set('a','b'));
