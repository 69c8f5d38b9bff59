CREATE TABLE measures (id int PRIMARY KEY, amount int NOT NULL, code varchar(5), ratio real, flag text, at text);
