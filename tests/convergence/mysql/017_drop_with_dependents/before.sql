CREATE TABLE teams (id int PRIMARY KEY, name varchar(20));
CREATE TABLE players (id int PRIMARY KEY, team_id int, score int, FOREIGN KEY (team_id) REFERENCES teams (id));
CREATE VIEW team_scores AS SELECT t.name, sum(p.score) AS total FROM teams t JOIN players p ON p.team_id = t.id GROUP BY t.name;
CREATE TABLE other (id int PRIMARY KEY);
