-- README: type changes with data: widening, text to boolean and timestamp (needs USING)
CREATE TABLE measures (id int PRIMARY KEY, amount bigint NOT NULL, code varchar(50), ratio double precision, flag boolean, at timestamp);
