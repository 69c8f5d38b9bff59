-- README: UNIQUE: a composite constraint added, a single-column one becomes NULLS NOT DISTINCT
CREATE TABLE members (id int PRIMARY KEY, club int NOT NULL, number int NOT NULL, handle text,
  CONSTRAINT members_club_number_key UNIQUE (club, number), CONSTRAINT members_handle_key UNIQUE NULLS NOT DISTINCT (handle));
