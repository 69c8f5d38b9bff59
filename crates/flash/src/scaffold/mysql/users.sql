-- Queries Flash turns into typed code: `-- name: <Name> :one|:many|:exec|:execresult` above each statement.

-- name: GetUser :one
SELECT id, email, name, created_at FROM users WHERE id = ?;

-- name: ListUsers :many
SELECT id, email, name, created_at FROM users ORDER BY id;

-- name: CreateUser :execresult
INSERT INTO users (email, name) VALUES (?, ?);

-- name: DeleteUser :exec
DELETE FROM users WHERE id = ?;
