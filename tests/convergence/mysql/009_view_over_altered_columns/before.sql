CREATE TABLE staff (id int PRIMARY KEY, first_name varchar(20), salary int);
CREATE VIEW payroll AS SELECT id, first_name, salary * 12 AS yearly FROM staff;
