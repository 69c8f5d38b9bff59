CREATE TABLE t (id int PRIMARY KEY, name varchar(100) NOT NULL, status ENUM('a','b') DEFAULT 'a', UNIQUE KEY name_idx (name));
