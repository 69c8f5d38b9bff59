CREATE TYPE status AS ENUM ('draft', 'published');
CREATE TABLE docs (id int PRIMARY KEY, status status NOT NULL DEFAULT 'draft');
