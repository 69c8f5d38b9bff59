-- README: several schemas: a new schema with a table, cross-schema FKs, an enum and a view in non-public schemas
CREATE SCHEMA billing;
CREATE TABLE public.users (id int PRIMARY KEY);
CREATE SCHEMA audit;
CREATE TYPE billing.plan AS ENUM ('free', 'pro');
CREATE TABLE billing.customers (id int PRIMARY KEY, name text, plan billing.plan NOT NULL DEFAULT 'free', user_id int REFERENCES public.users (id));
CREATE TABLE audit.log (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, customer_id int REFERENCES billing.customers (id), at timestamptz DEFAULT now());
CREATE VIEW audit.recent AS SELECT l.id, c.name FROM audit.log l JOIN billing.customers c ON c.id = l.customer_id;
