-- README: a table becomes STRICT (rebuild) and gains a column
CREATE TABLE kv (k TEXT PRIMARY KEY, v ANY, n INTEGER) STRICT;
