-- README: a schema and its table dropped
CREATE TABLE keep (id int PRIMARY KEY);
