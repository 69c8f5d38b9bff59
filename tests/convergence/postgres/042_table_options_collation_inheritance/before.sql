CREATE TABLE logs (id bigint PRIMARY KEY, line text);
CREATE TABLE cache (k text PRIMARY KEY, v text);
