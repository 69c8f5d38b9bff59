CREATE TABLE m (a bigint, b bigint, PRIMARY KEY (a));
