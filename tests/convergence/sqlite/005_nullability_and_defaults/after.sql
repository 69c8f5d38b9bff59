-- README: NOT NULL set and dropped; defaults changed and added (rebuild)
CREATE TABLE people (id INTEGER PRIMARY KEY, name TEXT NOT NULL, nick TEXT, theme TEXT DEFAULT 'dark', size INTEGER DEFAULT 12);
