-- README: engine, table collation, column charset, ON UPDATE CURRENT_TIMESTAMP; a MariaDB sequence's options
CREATE TABLE logs (id bigint PRIMARY KEY, line varchar(100) CHARACTER SET latin1 COLLATE latin1_swedish_ci, at timestamp NULL ON UPDATE CURRENT_TIMESTAMP) ENGINE=Aria DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE SEQUENCE ticket_seq START WITH 100 INCREMENT BY 5;
