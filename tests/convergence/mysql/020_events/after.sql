-- README: an event's schedule and body change; an index added
CREATE TABLE sessions (id int PRIMARY KEY, expires_at datetime NOT NULL, KEY sessions_expires_idx (expires_at));
CREATE EVENT purge_sessions ON SCHEDULE EVERY 10 MINUTE DISABLE DO DELETE FROM sessions WHERE expires_at < NOW() - INTERVAL 1 DAY;
