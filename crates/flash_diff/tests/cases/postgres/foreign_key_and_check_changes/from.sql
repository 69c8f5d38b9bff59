CREATE TABLE p (id bigint PRIMARY KEY);
CREATE TABLE c (id bigint PRIMARY KEY, p_id bigint REFERENCES p, n integer CHECK (n > 0));
