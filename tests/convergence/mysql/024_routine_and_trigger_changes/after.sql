-- README: a function gains a parameter and a comment, a procedure is dropped, a trigger's body changes
CREATE TABLE orders (id int PRIMARY KEY, total decimal(10,2), status varchar(10) DEFAULT 'new');
DELIMITER //
CREATE FUNCTION with_tax(x decimal(10,2), rate decimal(4,3)) RETURNS decimal(12,2) DETERMINISTIC COMMENT 'tax' RETURN x * (1 + rate)//
CREATE TRIGGER orders_default BEFORE INSERT ON orders FOR EACH ROW SET NEW.status = IFNULL(NEW.status, 'open')//
DELIMITER ;
