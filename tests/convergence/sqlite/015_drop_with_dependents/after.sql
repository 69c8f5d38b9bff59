-- README: tables dropped with the view and trigger that depend on them
CREATE TABLE other (id INTEGER PRIMARY KEY);
