CREATE TABLE stable (id int PRIMARY KEY, name varchar(20) NOT NULL DEFAULT 'x', KEY stable_name_idx (name));
