-- README: an EXCLUDE constraint with a WHERE clause added over non-overlapping rows
CREATE TABLE rooms (id int PRIMARY KEY);
CREATE TABLE bookings (id int PRIMARY KEY, room_id int NOT NULL REFERENCES rooms (id), during tstzrange NOT NULL,
  CONSTRAINT bookings_no_overlap EXCLUDE USING gist (during WITH &&) WHERE (room_id > 0));
