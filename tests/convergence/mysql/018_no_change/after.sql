-- README: (no-op) the same schema written differently: no statement
create table stable (
  id int primary key,
  name varchar(20) not null default 'x',
  key stable_name_idx (name)
);
