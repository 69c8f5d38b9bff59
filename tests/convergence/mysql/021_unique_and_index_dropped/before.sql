CREATE TABLE members (id int PRIMARY KEY, club int NOT NULL, number int NOT NULL, handle varchar(20), UNIQUE KEY members_handle_key (handle), KEY members_club_idx (club));
