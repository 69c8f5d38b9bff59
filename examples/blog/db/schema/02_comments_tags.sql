-- Conversation and tagging. This file also grows `posts` and `users` from 01_users_posts.sql: files load in path
-- order, and a later ALTER TABLE / CREATE INDEX merges into the table defined earlier.

ALTER TABLE users ADD COLUMN bio TEXT;
ALTER TABLE posts ADD COLUMN slug TEXT;
CREATE UNIQUE INDEX posts_slug_idx ON posts (slug) WHERE slug IS NOT NULL;

CREATE TABLE comments (
    id INTEGER PRIMARY KEY,
    post_id INTEGER NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
    author_id INTEGER REFERENCES users (id) ON DELETE SET NULL,
    body TEXT NOT NULL,
    created_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE INDEX comments_post_idx ON comments (post_id);

CREATE TABLE tags (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE
) STRICT;

CREATE TABLE post_tags (
    post_id INTEGER NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
    tag_id INTEGER NOT NULL REFERENCES tags (id) ON DELETE CASCADE,
    PRIMARY KEY (post_id, tag_id)
) WITHOUT ROWID;

CREATE VIEW published_posts AS
    SELECT p.id, p.title, p.slug, u.name AS author, p.created_at
    FROM posts p JOIN users u ON u.id = p.author_id
    WHERE p.published = 1;

CREATE TRIGGER posts_touch_updated_at AFTER UPDATE OF title, body, published ON posts
FOR EACH ROW
BEGIN
    UPDATE posts SET updated_at = CURRENT_TIMESTAMP WHERE id = NEW.id;
END;
