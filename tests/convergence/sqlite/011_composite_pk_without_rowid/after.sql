-- README: a composite primary key gains a column and the table becomes WITHOUT ROWID
CREATE TABLE enrolments (student INTEGER NOT NULL, course INTEGER NOT NULL, term TEXT NOT NULL DEFAULT 'T1', PRIMARY KEY (student, course, term)) WITHOUT ROWID;
