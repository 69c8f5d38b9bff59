CREATE TABLE measures (id int PRIMARY KEY, amount int NOT NULL, code varchar(5), ratio float, note varchar(20), flag char(1));
