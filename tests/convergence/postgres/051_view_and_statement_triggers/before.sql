CREATE TABLE stock (id int PRIMARY KEY, qty int NOT NULL DEFAULT 0);
CREATE TABLE stock_log (at timestamptz DEFAULT now(), n bigint);
CREATE VIEW stock_view AS SELECT id, qty FROM stock;
