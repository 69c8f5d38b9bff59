-- README: a table rebuilt under a view that changes too
CREATE TABLE staff (id INTEGER PRIMARY KEY, first_name TEXT NOT NULL DEFAULT '', salary REAL);
CREATE VIEW payroll AS SELECT id, first_name, salary * 12 AS yearly FROM staff;
