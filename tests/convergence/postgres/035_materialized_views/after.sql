-- README: a materialized view's query changes and gains an index; a new one WITH NO DATA
CREATE TABLE sales (id int PRIMARY KEY, region text, amount numeric, sold_at date);
CREATE MATERIALIZED VIEW sales_by_region AS SELECT region, sum(amount) AS total, count(*) AS n FROM sales GROUP BY region;
CREATE UNIQUE INDEX sales_by_region_idx ON sales_by_region (region);
CREATE MATERIALIZED VIEW sales_by_day AS SELECT sold_at, sum(amount) AS total FROM sales GROUP BY sold_at WITH NO DATA;
