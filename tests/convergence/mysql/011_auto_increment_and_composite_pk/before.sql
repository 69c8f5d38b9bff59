CREATE TABLE tickets (id int NOT NULL, title varchar(50), PRIMARY KEY (id));
CREATE TABLE enrolments (student int NOT NULL, course int NOT NULL, term varchar(5) NOT NULL DEFAULT 'T1', PRIMARY KEY (student, course));
