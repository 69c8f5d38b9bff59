-- README: a range partition added; a new LIST COLUMNS partitioned table
CREATE TABLE measurements (id bigint NOT NULL, y int NOT NULL, value decimal(10,2), PRIMARY KEY (id, y))
  PARTITION BY RANGE (y) (PARTITION p2023 VALUES LESS THAN (2024), PARTITION p2024 VALUES LESS THAN (2025), PARTITION pmax VALUES LESS THAN MAXVALUE);
CREATE TABLE regions (code varchar(2) NOT NULL, name varchar(20)) PARTITION BY LIST COLUMNS (code) (PARTITION eu VALUES IN ('fr', 'de'), PARTITION us VALUES IN ('us'));
