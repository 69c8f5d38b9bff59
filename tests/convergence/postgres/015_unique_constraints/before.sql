CREATE TABLE members (id int PRIMARY KEY, club int NOT NULL, number int NOT NULL, handle text UNIQUE);
