INSERT INTO tickets VALUES (1, 'a'), (2, 'b');
INSERT INTO enrolments VALUES (1, 1, 'T1'), (1, 2, 'T1');
