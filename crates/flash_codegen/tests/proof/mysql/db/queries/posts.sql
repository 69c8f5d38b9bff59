-- name: CreatePost :one
INSERT INTO posts (user_id, title, body, published_on) VALUES (?, ?, ?, ?) RETURNING id, user_id, title, published_on;

-- name: ListPostsWithAuthors :many
SELECT p.id, p.title, u.name AS author, u.role AS author_role
FROM posts p
JOIN users u ON u.id = p.user_id
ORDER BY p.id;

-- name: ListUsersWithPosts :many
SELECT u.id, u.name, p.id AS post_id, p.title
FROM users u
LEFT JOIN posts p ON p.user_id = u.id
ORDER BY u.id, p.id;

-- name: PostsOfUser :many
SELECT p.* FROM posts p WHERE p.user_id = ? ORDER BY p.id;

-- name: TopAuthors :many
WITH counts AS (
    SELECT user_id, count(*) AS n FROM posts GROUP BY user_id
)
SELECT u.name, c.n
FROM counts c
JOIN users u ON u.id = c.user_id
WHERE c.n >= ?
ORDER BY c.n DESC, u.name;

-- name: RecentPostTitles :many
SELECT t.title FROM (SELECT title, id FROM posts ORDER BY id DESC LIMIT ?) AS t ORDER BY t.id;

-- name: UsersWithoutPosts :many
SELECT id FROM users u
WHERE NOT EXISTS (SELECT 1 FROM posts p WHERE p.user_id = u.id)
ORDER BY id;

-- name: PostsByAuthorEmail :many
SELECT id FROM posts WHERE user_id IN (SELECT id FROM users WHERE email = ?) ORDER BY id;

-- name: AddViews :execrows
UPDATE posts SET views = views + ? WHERE user_id = ?;

-- name: LatestPostTitle :one
SELECT (SELECT title FROM posts WHERE posts.user_id = users.id ORDER BY id DESC LIMIT 1) AS latest_title
FROM users
WHERE id = ?;

-- name: CopyPostsOfUser :execrows
INSERT INTO posts (user_id, title, body)
SELECT user_id, concat(title, ' (copy)'), ? FROM posts WHERE user_id = ?;

-- name: DeletePostsOfUser :many
DELETE FROM posts WHERE user_id = ? RETURNING id, title;

-- name: RenamePost :execrows
UPDATE posts SET title = ? WHERE id = ?;

-- name: PostViewsTotal :one
SELECT CAST(coalesce(sum(views), 0) AS SIGNED) AS total_views FROM posts WHERE user_id = ?;

-- name: AllTitlesAndNames :many
SELECT name AS label FROM users
UNION
SELECT title FROM posts
ORDER BY 1;

-- name: PostsPublishedSince :many
SELECT id, published_on FROM posts WHERE published_on >= CAST(? AS DATE) ORDER BY id;
