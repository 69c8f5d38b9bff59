CREATE TABLE "user" (id int PRIMARY KEY, "select" text, "Mixed Case" int);
CREATE TABLE "order" (id int PRIMARY KEY, "user" int REFERENCES "user" (id));
