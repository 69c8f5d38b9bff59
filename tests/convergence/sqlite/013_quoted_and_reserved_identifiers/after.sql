-- README: reserved words and names with spaces for tables, columns, an index and a view
CREATE TABLE "order" (id INTEGER PRIMARY KEY, "select" TEXT NOT NULL DEFAULT '', "Mixed Case" INTEGER, "group" INTEGER REFERENCES "group" (id));
CREATE TABLE "group" (id INTEGER PRIMARY KEY, "from" TEXT);
CREATE INDEX "order group idx" ON "order" ("group", "select");
CREATE VIEW "Order View" AS SELECT o.id, o."select" FROM "order" o;
