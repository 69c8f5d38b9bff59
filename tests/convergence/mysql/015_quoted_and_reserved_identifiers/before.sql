CREATE TABLE `user` (id int PRIMARY KEY, `select` varchar(20), `Mixed Case` int);
CREATE TABLE `order` (id int PRIMARY KEY, `user` int, FOREIGN KEY (`user`) REFERENCES `user` (id));
