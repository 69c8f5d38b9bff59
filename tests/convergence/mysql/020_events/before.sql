CREATE TABLE sessions (id int PRIMARY KEY, expires_at datetime NOT NULL);
CREATE EVENT purge_sessions ON SCHEDULE EVERY 1 HOUR DISABLE DO DELETE FROM sessions WHERE expires_at < NOW();
