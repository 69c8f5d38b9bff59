-- Every object kind Flash models for MySQL/MariaDB, loaded into a fresh database by tests/dumps.rs, dumped back with
-- `mysqldump --no-data --routines --triggers` and parsed. Counts asserted by the test are listed in `dumps.rs`.

CREATE TABLE customers (
    id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
    email VARCHAR(255) NOT NULL COMMENT 'login address',
    full_name VARCHAR(200) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci NOT NULL,
    first_name VARCHAR(100) NULL,
    last_name VARCHAR(100) NULL,
    display_name VARCHAR(201) AS (CONCAT_WS(' ', first_name, last_name)) VIRTUAL,
    name_length INT AS (CHAR_LENGTH(full_name)) STORED,
    mood ENUM('sad', 'ok', 'happy') NOT NULL DEFAULT 'ok',
    flags SET('vip', 'newsletter', 'beta') NOT NULL DEFAULT '',
    balance DECIMAL(12, 2) NOT NULL DEFAULT 0.00,
    score FLOAT,
    ratio DOUBLE(8, 3),
    age TINYINT UNSIGNED,
    visits MEDIUMINT NOT NULL DEFAULT 0,
    is_active BOOLEAN NOT NULL DEFAULT TRUE,
    birth_date DATE,
    wake_time TIME(3),
    since_year YEAR,
    avatar MEDIUMBLOB,
    bio LONGTEXT,
    settings JSON,
    api_key BINARY(16),
    country CHAR(2) NOT NULL DEFAULT 'DE',
    created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6),
    PRIMARY KEY (id),
    UNIQUE KEY customers_email_key (email),
    KEY customers_name_idx (last_name, first_name),
    KEY customers_bio_prefix_idx (bio(32)),
    KEY customers_created_desc_idx (created_at DESC),
    CONSTRAINT customers_balance_check CHECK (balance >= 0),
    CONSTRAINT customers_age_check CHECK (age IS NULL OR age < 150)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci AUTO_INCREMENT=1000 COMMENT='people who buy things';

CREATE TABLE products (
    id INT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    sku VARCHAR(32) NOT NULL UNIQUE,
    title VARCHAR(255) NOT NULL,
    description TEXT,
    price DECIMAL(10, 2) NOT NULL CHECK (price >= 0),
    weight_grams SMALLINT UNSIGNED DEFAULT 0,
    stock BIGINT NOT NULL DEFAULT 0,
    status ENUM('draft', 'live', 'retired') DEFAULT 'draft',
    FULLTEXT KEY products_text_idx (title, description),
    INDEX products_price_idx USING BTREE (price),
    INDEX products_status_idx (status)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 ROW_FORMAT=DYNAMIC;

CREATE TABLE orders (
    id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
    customer_id BIGINT UNSIGNED NOT NULL,
    status ENUM('pending', 'paid', 'shipped', 'cancelled') NOT NULL DEFAULT 'pending',
    total DECIMAL(12, 2) NOT NULL DEFAULT 0,
    placed_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    note VARCHAR(500) DEFAULT NULL,
    PRIMARY KEY (id),
    KEY orders_customer_placed_idx (customer_id, placed_at),
    CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id) REFERENCES customers (id)
        ON DELETE RESTRICT ON UPDATE CASCADE
) ENGINE=InnoDB;

CREATE TABLE order_items (
    order_id BIGINT UNSIGNED NOT NULL,
    line_no SMALLINT NOT NULL,
    product_id INT,
    quantity INT NOT NULL DEFAULT 1,
    unit_price DECIMAL(10, 2) NOT NULL,
    PRIMARY KEY (order_id, line_no),
    CONSTRAINT order_items_order_fk FOREIGN KEY (order_id) REFERENCES orders (id) ON DELETE CASCADE,
    CONSTRAINT order_items_product_fk FOREIGN KEY (product_id) REFERENCES products (id) ON DELETE SET NULL,
    CONSTRAINT order_items_quantity_check CHECK (quantity > 0)
) ENGINE=InnoDB;

CREATE TABLE product_links (
    product_id INT NOT NULL,
    related_id INT NOT NULL,
    PRIMARY KEY (product_id, related_id),
    KEY product_links_related_idx (related_id),
    CONSTRAINT product_links_product_fk FOREIGN KEY (product_id) REFERENCES products (id),
    CONSTRAINT product_links_related_fk FOREIGN KEY (related_id) REFERENCES products (id)
        ON DELETE NO ACTION ON UPDATE NO ACTION
);

CREATE TABLE places (
    id INT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    name VARCHAR(100) NOT NULL,
    location POINT NOT NULL,
    SPATIAL INDEX places_location_idx (location)
) ENGINE=InnoDB;

CREATE TABLE session_cache (
    token CHAR(64) NOT NULL PRIMARY KEY,
    payload VARBINARY(2048),
    expires_at INT UNSIGNED NOT NULL,
    KEY session_cache_expires_idx USING HASH (expires_at)
) ENGINE=MEMORY;

CREATE TABLE audit_log (
    id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    table_name VARCHAR(64) NOT NULL,
    action VARCHAR(10) NOT NULL,
    row_id BIGINT,
    happened_at TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3)
) ENGINE=InnoDB COMMENT='append-only';

CREATE INDEX audit_log_table_idx ON audit_log (table_name, happened_at);
CREATE UNIQUE INDEX products_title_key ON products (title);

CREATE VIEW active_products AS
    SELECT id, sku, title, price FROM products WHERE status = 'live';
CREATE ALGORITHM = MERGE SQL SECURITY INVOKER VIEW customer_totals AS
    SELECT c.id, c.full_name, COALESCE(SUM(o.total), 0) AS total
    FROM customers c LEFT JOIN orders o ON o.customer_id = c.id
    GROUP BY c.id, c.full_name;
CREATE VIEW cheap_products AS
    SELECT id, sku, title, price FROM active_products WHERE price < 10
    WITH CASCADED CHECK OPTION;

DELIMITER //

CREATE FUNCTION order_total(p_order_id BIGINT UNSIGNED) RETURNS DECIMAL(12, 2)
    READS SQL DATA
    DETERMINISTIC
    COMMENT 'sum of the lines'
BEGIN
    DECLARE result DECIMAL(12, 2);
    SELECT COALESCE(SUM(quantity * unit_price), 0) INTO result FROM order_items WHERE order_id = p_order_id;
    RETURN result;
END //

CREATE PROCEDURE archive_orders(IN before_date DATETIME, OUT moved INT)
    MODIFIES SQL DATA
BEGIN
    DELETE FROM orders WHERE placed_at < before_date;
    SET moved = ROW_COUNT();
END //

CREATE TRIGGER order_items_after_insert AFTER INSERT ON order_items
FOR EACH ROW
BEGIN
    UPDATE orders SET total = order_total(NEW.order_id) WHERE id = NEW.order_id;
END //

CREATE TRIGGER customers_before_update BEFORE UPDATE ON customers
FOR EACH ROW
BEGIN
    IF NEW.email <> OLD.email THEN
        INSERT INTO audit_log (table_name, action, row_id) VALUES ('customers', 'email', NEW.id);
    END IF;
END //

DELIMITER ;

CREATE TRIGGER orders_after_delete AFTER DELETE ON orders
    FOR EACH ROW INSERT INTO audit_log (table_name, action, row_id) VALUES ('orders', 'delete', OLD.id);
