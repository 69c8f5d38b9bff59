-- README: an enum column becomes text and the enum is dropped; range columns with a user range type
CREATE TABLE diary (id int PRIMARY KEY, mood text, score int);
CREATE TYPE floatrange AS RANGE (subtype = float8);
CREATE TABLE bookings (id int PRIMARY KEY, during tstzrange NOT NULL, span floatrange);
