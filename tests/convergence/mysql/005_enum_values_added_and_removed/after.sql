-- README: inline ENUM gains a value in the middle and loses an unused one; SET gains a value
CREATE TABLE docs (id int PRIMARY KEY, status enum('draft','review','published') NOT NULL DEFAULT 'draft', tags set('a','b','c'));
