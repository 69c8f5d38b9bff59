-- README: reserved words and names with spaces for tables, columns, an index and a view
CREATE TABLE `user` (id int PRIMARY KEY, `select` varchar(200) NOT NULL DEFAULT '', `Mixed Case` bigint, `from` date);
CREATE TABLE `order` (id int PRIMARY KEY, `user` int, `group` varchar(10), FOREIGN KEY (`user`) REFERENCES `user` (id), KEY `order user idx` (`user`, `group`));
CREATE VIEW `Order View` AS SELECT o.id, u.`select` FROM `order` o JOIN `user` u ON u.id = o.`user`;
