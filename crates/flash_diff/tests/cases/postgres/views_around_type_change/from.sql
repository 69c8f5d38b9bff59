CREATE TABLE staff (id int PRIMARY KEY, salary int, code text);
CREATE VIEW payroll AS SELECT id, salary * 12 AS yearly FROM staff;
COMMENT ON VIEW payroll IS 'yearly pay';
GRANT SELECT ON payroll TO PUBLIC;
CREATE VIEW payroll_big AS SELECT id FROM payroll WHERE yearly > 100;
CREATE MATERIALIZED VIEW codes AS SELECT code FROM staff;
CREATE INDEX codes_idx ON codes (code);
CREATE DOMAIN positive AS int CHECK (VALUE > 0);
COMMENT ON DOMAIN positive IS 'above zero';
