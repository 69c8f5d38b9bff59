CREATE TABLE teams (id int PRIMARY KEY, name text);
CREATE TABLE players (id int PRIMARY KEY, team_id int REFERENCES teams (id), score int);
CREATE VIEW team_scores AS SELECT t.name, sum(p.score) AS total FROM teams t JOIN players p ON p.team_id = t.id GROUP BY t.name;
CREATE FUNCTION top_team() RETURNS text LANGUAGE sql AS $$ SELECT name FROM team_scores ORDER BY total DESC LIMIT 1 $$;
CREATE TABLE other (id int PRIMARY KEY);
