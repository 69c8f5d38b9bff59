CREATE TABLE settings (id int PRIMARY KEY, theme text DEFAULT 'light', size int, created date DEFAULT CURRENT_DATE);
