CREATE TABLE cities (id int PRIMARY KEY, name varchar(50) COMMENT 'old', pop int) COMMENT='old table comment';
