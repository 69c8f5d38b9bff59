-- README: column types change under two views, which must be dropped and recreated around the change
CREATE TABLE staff (id int PRIMARY KEY, first_name varchar(100), salary numeric(12,2));
CREATE VIEW staff_names AS SELECT id, first_name FROM staff;
CREATE VIEW payroll AS SELECT id, salary * 12 AS yearly FROM staff;
