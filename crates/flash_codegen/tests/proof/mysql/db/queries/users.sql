-- Creates a user; MariaDB returns the row.
-- name: CreateUser :one
INSERT INTO users (email, name, bio, role, is_active, settings, balance)
VALUES (?, ?, ?, ?, ?, ?, ?)
RETURNING *;

-- name: GetUser :one
SELECT * FROM users WHERE id = ?;

-- name: GetUserByEmail :one
SELECT id, email, name, role FROM users WHERE email = @email;

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
SELECT count(*) AS n, sum(balance) AS total_balance, avg(balance) AS avg_balance, min(name) AS first_name, max(id) AS max_id
FROM users;

-- name: SearchUsers :many
SELECT id, name FROM users WHERE name LIKE ? ORDER BY id;

-- name: UsersInRange :many
SELECT id FROM users WHERE id BETWEEN ? AND ? ORDER BY id;

-- name: UpsertUser :execrows
INSERT INTO users (email, name) VALUES (?, ?)
ON DUPLICATE KEY UPDATE name = VALUES(name);

-- name: InsertUserResult :execresult
INSERT INTO users (email, name) VALUES (?, ?);

-- name: CopyUsers :copyfrom
INSERT INTO users (email, name, bio) VALUES (?, ?, ?);

-- name: UserDisplay :many
SELECT id,
       coalesce(bio, 'none') AS bio_text,
       CASE WHEN role = 'admin' THEN 'boss' ELSE 'crew' END AS `rank`,
       CAST(balance AS SIGNED) AS balance_int,
       concat(name, ' <', email, '>') AS label
FROM users
ORDER BY id;

-- name: UserSettings :one
SELECT settings, is_active, created_at FROM users WHERE id = ?;

-- name: UsersByRole :many
SELECT id FROM users WHERE role = ? ORDER BY id;

-- name: SetRole :execrows
UPDATE users SET role = ? WHERE id = ?;

-- name: FindByEmailOrName :many
SELECT id FROM users WHERE email = @term OR name = @term ORDER BY id;

-- name: NamedAfterID :many
SELECT id FROM users WHERE name = ? AND id > ? ORDER BY id;
