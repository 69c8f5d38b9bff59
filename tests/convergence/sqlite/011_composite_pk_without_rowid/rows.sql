INSERT INTO enrolments VALUES (1, 1, 'T1'), (1, 2, 'T1'), (2, 1, 'T2');
