CREATE TABLE staff (id int PRIMARY KEY, first_name varchar(20), salary int);
CREATE VIEW staff_names AS SELECT id, first_name FROM staff;
CREATE VIEW payroll AS SELECT id, salary * 12 AS yearly FROM staff;
