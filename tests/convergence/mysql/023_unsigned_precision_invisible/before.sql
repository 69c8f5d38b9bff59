CREATE TABLE counters (id int PRIMARY KEY, hits int, at datetime, price decimal(8,2), secret varchar(20));
