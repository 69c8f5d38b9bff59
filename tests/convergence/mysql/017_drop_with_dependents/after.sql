-- README: tables dropped with the FK and view that depend on them
CREATE TABLE other (id int PRIMARY KEY);
