-- name: GetPost :one
SELECT id, author_id, title, body, slug, published, created_at, updated_at
FROM posts
WHERE id = ?;

-- name: ListPublishedPosts :many
SELECT id, title, slug, author, created_at
FROM published_posts
ORDER BY created_at DESC
LIMIT ?;

-- name: CreatePost :one
INSERT INTO posts (author_id, title, body, slug)
VALUES (?, ?, ?, ?)
RETURNING id, created_at;

-- name: PublishPost :execrows
UPDATE posts SET published = 1 WHERE id = ?;

-- name: CountCommentsByPost :many
SELECT p.id AS post_id, count(c.id) AS comments
FROM posts p LEFT JOIN comments c ON c.post_id = p.id
GROUP BY p.id;

-- name: DeletePost :exec
DELETE FROM posts WHERE id = ?;
