-- README: AUTO_INCREMENT added to a key; a composite primary key gains a column
CREATE TABLE tickets (id int NOT NULL AUTO_INCREMENT, title varchar(50), PRIMARY KEY (id));
CREATE TABLE enrolments (student int NOT NULL, course int NOT NULL, term varchar(5) NOT NULL DEFAULT 'T1', PRIMARY KEY (student, course, term));
