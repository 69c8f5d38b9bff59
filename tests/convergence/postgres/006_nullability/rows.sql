INSERT INTO people VALUES (1, 'Ann', 'an'), (2, 'Bob', 'bo');
