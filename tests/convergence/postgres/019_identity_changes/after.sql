-- README: serial becomes an identity with options; an identity is dropped
CREATE TABLE tickets (id int GENERATED ALWAYS AS IDENTITY (START WITH 1000 INCREMENT BY 10) PRIMARY KEY, title text);
CREATE TABLE codes (id int PRIMARY KEY, code text);
