-- README: a unique key and an index dropped; a composite unique key added
CREATE TABLE members (id int PRIMARY KEY, club int NOT NULL, number int NOT NULL, handle varchar(20),
  UNIQUE KEY members_club_number_key (club, number));
