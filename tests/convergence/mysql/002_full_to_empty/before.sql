CREATE TABLE users (id int PRIMARY KEY, email varchar(100));
CREATE TABLE posts (id int PRIMARY KEY, user_id int, FOREIGN KEY (user_id) REFERENCES users (id));
CREATE VIEW post_ids AS SELECT id FROM posts;
