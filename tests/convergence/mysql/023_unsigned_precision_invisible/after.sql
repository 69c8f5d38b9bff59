-- README: UNSIGNED, fractional-second precision with CURRENT_TIMESTAMP(6), wider decimal, an INVISIBLE column
CREATE TABLE counters (id int unsigned PRIMARY KEY, hits bigint unsigned NOT NULL DEFAULT 0, at datetime(6) DEFAULT CURRENT_TIMESTAMP(6), price decimal(12,4), secret varchar(20) INVISIBLE);
