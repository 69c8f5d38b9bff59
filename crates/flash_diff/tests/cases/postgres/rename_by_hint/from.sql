CREATE TABLE people (id bigint PRIMARY KEY, mail text);
CREATE INDEX people_mail ON people (mail);
