CREATE TABLE wide (id int PRIMARY KEY, a int, b text, c date, d boolean);
