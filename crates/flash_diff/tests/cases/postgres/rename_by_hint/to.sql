-- flash:renamed-from people
CREATE TABLE persons (
  id bigint PRIMARY KEY,
  -- flash:renamed-from mail
  email text
);
CREATE INDEX people_mail ON persons (email);
