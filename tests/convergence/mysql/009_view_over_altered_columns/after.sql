-- README: a view over columns whose types change gains a column and a CHECK OPTION
CREATE TABLE staff (id int PRIMARY KEY, first_name varchar(100), salary decimal(12,2), dept varchar(20));
CREATE VIEW payroll AS SELECT id, first_name, dept, salary * 12 AS yearly FROM staff WITH CASCADED CHECK OPTION;
