-- README: table, column and index comments changed and added
CREATE TABLE cities (id int PRIMARY KEY, name varchar(50) COMMENT 'English name', pop int COMMENT 'population', KEY cities_name_idx (name) COMMENT 'for search') COMMENT='Cities; it''s quoted';
