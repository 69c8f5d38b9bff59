CREATE TABLE staff (id INTEGER PRIMARY KEY, first_name TEXT, salary INTEGER);
CREATE VIEW payroll AS SELECT id, salary * 12 AS yearly FROM staff;
