CREATE SCHEMA billing;
CREATE TABLE billing.customers (id int PRIMARY KEY, name text);
CREATE TABLE public.users (id int PRIMARY KEY);
