-- README: (no-op) the same schema written differently: no statement
create table stable (
  id integer primary key,
  name text not null default 'x'
);
CREATE INDEX stable_name_idx ON stable(name);
