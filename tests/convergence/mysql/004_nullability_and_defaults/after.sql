-- README: NOT NULL set and dropped; defaults changed and added
CREATE TABLE people (id int PRIMARY KEY, name varchar(50) NOT NULL, nick varchar(20), theme varchar(10) DEFAULT 'dark', size int DEFAULT 12);
