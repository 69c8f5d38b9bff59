CREATE TABLE teams (id INTEGER PRIMARY KEY, name TEXT);
CREATE TABLE players (id INTEGER PRIMARY KEY, team_id INTEGER REFERENCES teams (id), score INTEGER);
CREATE VIEW team_scores AS SELECT t.name, sum(p.score) AS total FROM teams t JOIN players p ON p.team_id = t.id GROUP BY t.name;
CREATE TRIGGER players_clamp AFTER INSERT ON players BEGIN UPDATE players SET score = max(score, 0) WHERE id = NEW.id; END;
CREATE TABLE other (id INTEGER PRIMARY KEY);
