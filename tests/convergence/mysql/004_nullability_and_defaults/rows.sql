INSERT INTO people (id, name, nick) VALUES (1, 'Ann', 'an'), (2, 'Bob', 'bo');
