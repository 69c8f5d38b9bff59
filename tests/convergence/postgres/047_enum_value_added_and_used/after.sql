-- README: enum values added and used at once by a default, a CHECK and a partial index (needs the addition committed first)
CREATE TYPE priority AS ENUM ('low', 'medium', 'high', 'urgent');
CREATE TABLE tasks (id int PRIMARY KEY, priority priority NOT NULL DEFAULT 'medium',
  CONSTRAINT tasks_not_urgent CHECK (priority <> 'urgent'));
CREATE INDEX tasks_high_idx ON tasks (id) WHERE priority = 'high';
