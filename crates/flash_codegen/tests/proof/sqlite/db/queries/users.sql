-- Creates a user and returns every column.
-- name: CreateUser :one
INSERT INTO users (email, name, bio, is_admin, score, settings)
VALUES (?, ?, ?, ?, ?, ?)
RETURNING *;

-- name: GetUser :one
SELECT * FROM users WHERE id = ?;

-- name: GetUserByEmail :one
SELECT id, email, name FROM users WHERE email = @email;

-- name: ListUsers :many
SELECT * FROM users ORDER BY id LIMIT ? OFFSET ?;

-- name: ListUsersByIDs :many
SELECT id, name FROM users WHERE id IN (?, ?, ?) ORDER BY id;

-- name: UpdateUserBio :execrows
UPDATE users SET bio = sqlc.narg(bio) WHERE id = sqlc.arg(id);

-- name: DeleteUser :exec
DELETE FROM users WHERE id = ?;

-- name: CountUsers :one
SELECT count(*) AS total FROM users;

-- name: UserStats :one
SELECT count(*) AS n, sum(score) AS total_score, avg(score) AS avg_score, min(name) AS first_name, max(id) AS max_id
FROM users;

-- name: SearchUsers :many
SELECT id, name FROM users WHERE name LIKE ? ORDER BY id;

-- name: UsersInRange :many
SELECT id FROM users WHERE id BETWEEN ? AND ? ORDER BY id;

-- name: UpsertUser :one
INSERT INTO users (email, name) VALUES (?, ?)
ON CONFLICT (email) DO UPDATE SET name = excluded.name
RETURNING id, name;

-- name: InsertUserResult :execresult
INSERT INTO users (email, name) VALUES (?, ?);

-- name: CopyUsers :copyfrom
INSERT INTO users (email, name, bio) VALUES (?, ?, ?);

-- name: UserDisplay :many
SELECT id,
       coalesce(bio, 'none') AS bio_text,
       CASE WHEN is_admin THEN 'admin' ELSE 'member' END AS role,
       CAST(score AS INTEGER) AS score_int,
       name || ' <' || email || '>' AS label
FROM users
ORDER BY id;

-- name: UserSettings :one
SELECT settings, is_admin FROM users WHERE id = ?;

-- name: FindByEmailOrName :many
SELECT id FROM users WHERE email = @term OR name = @term ORDER BY id;

-- name: NamedAfterID :many
SELECT id FROM users WHERE name = ? AND id > ? ORDER BY id;
