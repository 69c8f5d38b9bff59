CREATE TYPE user_role AS ENUM ('admin', 'member', 'guest');

CREATE TABLE users (
    id bigserial PRIMARY KEY,
    email text NOT NULL UNIQUE,
    name text NOT NULL,
    bio text,
    role user_role NOT NULL DEFAULT 'member',
    tags text[] NOT NULL DEFAULT '{}',
    settings jsonb,
    balance numeric(12, 2) NOT NULL DEFAULT 0,
    external_id uuid,
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE posts (
    id serial PRIMARY KEY,
    user_id bigint NOT NULL REFERENCES users (id),
    title text NOT NULL,
    body text,
    views integer NOT NULL DEFAULT 0,
    published_on date
);
