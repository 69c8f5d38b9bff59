-- README: many changes in one table: PK type, type plus NOT NULL plus default, UNIQUE, a drop and an add
CREATE TABLE wide (id bigint PRIMARY KEY, a numeric(12,3) NOT NULL DEFAULT 0, b varchar(10) UNIQUE, c timestamptz, e jsonb DEFAULT '{}'::jsonb NOT NULL);
