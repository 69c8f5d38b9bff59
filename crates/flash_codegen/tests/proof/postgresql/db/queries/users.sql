-- Creates a user and returns every column.
-- name: CreateUser :one
INSERT INTO users (email, name, bio, role, tags, settings, balance, external_id)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
RETURNING *;

-- name: GetUser :one
SELECT * FROM users WHERE id = $1;

-- name: GetUserByEmail :one
SELECT id, email, name, role FROM users WHERE email = @email;

-- name: ListUsers :many
SELECT * FROM users ORDER BY id LIMIT $1 OFFSET $2;

-- name: ListUsersByIDs :many
SELECT id, name FROM users WHERE id = ANY($1) ORDER BY id;

-- name: ListUsersInList :many
SELECT id FROM users WHERE id IN ($1, $2) ORDER BY id;

-- name: UpdateUserBio :execrows
UPDATE users SET bio = sqlc.narg(bio) WHERE id = sqlc.arg(id);

-- name: DeleteUser :exec
DELETE FROM users WHERE id = $1;

-- name: CountUsers :one
SELECT count(*) AS total FROM users;

-- name: UserStats :one
SELECT count(*) AS n, sum(balance) AS total_balance, avg(balance) AS avg_balance, min(name) AS first_name, max(id) AS max_id
FROM users;

-- name: SearchUsers :many
SELECT id, name FROM users WHERE name ILIKE $1 ORDER BY id;

-- name: UsersInRange :many
SELECT id FROM users WHERE id BETWEEN $1 AND $2 ORDER BY id;

-- name: UpsertUser :one
INSERT INTO users (email, name) VALUES ($1, $2)
ON CONFLICT (email) DO UPDATE SET name = EXCLUDED.name
RETURNING id, name;

-- name: InsertUserResult :execresult
INSERT INTO users (email, name) VALUES ($1, $2);

-- name: CopyUsers :copyfrom
INSERT INTO users (email, name, bio) VALUES ($1, $2, $3);

-- name: UserDisplay :many
SELECT id,
       coalesce(bio, 'none') AS bio_text,
       CASE WHEN role = 'admin' THEN 'boss' ELSE 'crew' END AS rank,
       balance::float8 AS balance_float,
       name || ' <' || email || '>' AS label,
       cardinality(tags) AS tag_count
FROM users
ORDER BY id;

-- name: UserSettings :one
SELECT settings, settings ->> 'theme' AS theme, tags, external_id FROM users WHERE id = $1;

-- name: UsersByRole :many
SELECT id FROM users WHERE role = $1 ORDER BY id;

-- name: SetRole :one
UPDATE users SET role = $2 WHERE id = $1 RETURNING id, role;

-- name: FindByEmailOrName :many
SELECT id FROM users WHERE email = @term OR name = @term ORDER BY id;

-- name: TagUser :execrows
UPDATE users SET tags = array_append(tags, $1) WHERE id = $2;

-- name: UsersWithTag :many
SELECT id FROM users WHERE $1 = ANY(tags) ORDER BY id;
