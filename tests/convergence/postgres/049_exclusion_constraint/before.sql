CREATE TABLE rooms (id int PRIMARY KEY);
CREATE TABLE bookings (id int PRIMARY KEY, room_id int NOT NULL REFERENCES rooms (id), during tstzrange NOT NULL);
