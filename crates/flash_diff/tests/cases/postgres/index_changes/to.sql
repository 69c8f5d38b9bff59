CREATE TABLE t (id bigint PRIMARY KEY, a text, b text);
CREATE INDEX t_a ON t (a) WHERE a IS NOT NULL;
CREATE INDEX t_ab ON t (a) INCLUDE (b);
