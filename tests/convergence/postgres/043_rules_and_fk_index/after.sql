-- README: a rule dropped and another added; an FK column with its index
CREATE TABLE t1 (id int PRIMARY KEY, v int);
CREATE TABLE t2 (id int PRIMARY KEY, t1_id int REFERENCES t1 (id));
CREATE INDEX t2_t1_id_idx ON t2 (t1_id);
CREATE RULE t2_no_update AS ON UPDATE TO t2 DO INSTEAD NOTHING;
