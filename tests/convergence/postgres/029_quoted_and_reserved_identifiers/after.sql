-- README: reserved words and mixed case with spaces as table, column, index and view names
CREATE TABLE "user" (id int PRIMARY KEY, "select" varchar(200) NOT NULL DEFAULT '', "Mixed Case" bigint, "from" date);
CREATE TABLE "order" (id int PRIMARY KEY, "user" int REFERENCES "user" (id) ON DELETE CASCADE, "group" text);
CREATE INDEX "order user idx" ON "order" ("user", "group");
CREATE VIEW "Order View" AS SELECT o.id, u."select" FROM "order" o JOIN "user" u ON u.id = o."user";
