-- README: defaults changed, added and dropped
CREATE TABLE settings (id int PRIMARY KEY, theme text DEFAULT 'dark', size int DEFAULT 12, created date);
