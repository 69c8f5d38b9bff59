-- README: enum values added in the middle and at the end of a type in use
CREATE TYPE status AS ENUM ('draft', 'review', 'published', 'archived');
CREATE TABLE docs (id int PRIMARY KEY, status status NOT NULL DEFAULT 'draft');
