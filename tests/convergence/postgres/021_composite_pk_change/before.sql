CREATE TABLE enrolments (student int NOT NULL, course int NOT NULL, term text NOT NULL DEFAULT 'T1', PRIMARY KEY (student, course));
