CREATE TABLE staff (id int PRIMARY KEY, salary numeric(12,2), code integer);
CREATE VIEW payroll AS SELECT id, salary * 12 AS yearly FROM staff;
COMMENT ON VIEW payroll IS 'yearly pay, in cents';
GRANT SELECT ON payroll TO PUBLIC;
CREATE VIEW payroll_big AS SELECT id FROM payroll WHERE yearly > 100;
CREATE MATERIALIZED VIEW codes AS SELECT code FROM staff;
CREATE INDEX codes_idx ON codes (code);
CREATE DOMAIN positive AS int DEFAULT 1 CHECK (VALUE > 0);
