CREATE TABLE enrolments (student INTEGER NOT NULL, course INTEGER NOT NULL, term TEXT NOT NULL DEFAULT 'T1', PRIMARY KEY (student, course));
