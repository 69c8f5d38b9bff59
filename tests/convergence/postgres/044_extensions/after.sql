-- README: extensions created; a column changes to an extension's type and gets an opclass index from another
CREATE EXTENSION citext;
CREATE EXTENSION pg_trgm;
CREATE TABLE tags (id int PRIMARY KEY, name citext NOT NULL UNIQUE);
CREATE INDEX tags_name_trgm ON tags USING gin ((name::text) gin_trgm_ops);
