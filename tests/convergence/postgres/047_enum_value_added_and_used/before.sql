CREATE TYPE priority AS ENUM ('low', 'high');
CREATE TABLE tasks (id int PRIMARY KEY, priority priority NOT NULL DEFAULT 'low');
