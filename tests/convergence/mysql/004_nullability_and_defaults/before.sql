CREATE TABLE people (id int PRIMARY KEY, name varchar(50), nick varchar(20) NOT NULL, theme varchar(10) DEFAULT 'light', size int);
