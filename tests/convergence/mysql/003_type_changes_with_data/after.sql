-- README: MODIFY COLUMN type changes with data, and a NOT NULL column added with a default
CREATE TABLE measures (id int PRIMARY KEY, amount bigint NOT NULL, code varchar(50), ratio double, note text, flag tinyint(1), added decimal(10,2) NOT NULL DEFAULT 0.00);
