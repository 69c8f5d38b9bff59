CREATE TABLE orders (id int PRIMARY KEY, total decimal(10,2), status varchar(10) DEFAULT 'new');
DELIMITER //
CREATE FUNCTION with_tax(x decimal(10,2)) RETURNS decimal(10,2) DETERMINISTIC RETURN x * 1.2//
CREATE PROCEDURE close_all() BEGIN UPDATE orders SET status = 'closed'; END//
CREATE TRIGGER orders_default BEFORE INSERT ON orders FOR EACH ROW SET NEW.status = IFNULL(NEW.status, 'new')//
DELIMITER ;
