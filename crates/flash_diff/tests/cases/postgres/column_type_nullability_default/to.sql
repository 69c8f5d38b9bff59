CREATE TABLE t (a bigint, b text, c text DEFAULT 'y' NOT NULL);
