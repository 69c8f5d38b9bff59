-- One fact per row, newlines escaped. `sql` rows carry a definition's text for sqlite.rs to normalize.
SELECT 'table ' || l.name || ' type=' || l.type || ' strict=' || l.strict || ' without_rowid=' || l.wr
FROM pragma_table_list AS l
WHERE l.schema = 'main' AND l.name NOT LIKE 'sqlite\_%' ESCAPE '\' AND l.name <> '_flash_migrations';
SELECT 'column ' || m.name || '.' || c.name || ' type=' || c.type || ' not_null=' || c."notnull"
       || ' default=' || ifnull(replace(c.dflt_value, char(10), '\n'), '<none>') || ' pk=' || c.pk || ' hidden=' || c.hidden
FROM sqlite_schema AS m, pragma_table_xinfo(m.name) AS c
WHERE m.type IN ('table', 'view') AND m.name NOT LIKE 'sqlite\_%' ESCAPE '\' AND m.name <> '_flash_migrations';
-- Automatic indexes are numbered by constraint order, which a rebuilt table need not keep.
SELECT 'index ' || m.name || '.' || iif(il.origin = 'c', il.name, '<auto>') || ' unique=' || il."unique" || ' origin=' || il.origin || ' partial=' || il.partial
       || ' columns=' || (SELECT group_concat(k, ',') FROM (
            SELECT ifnull(x.name, '<expr>') || ' ' || x."desc" || ' ' || x.coll AS k
            FROM pragma_index_xinfo(il.name) AS x WHERE x.key = 1 ORDER BY x.seqno))
FROM sqlite_schema AS m, pragma_index_list(m.name) AS il
WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite\_%' ESCAPE '\' AND m.name <> '_flash_migrations';
SELECT 'foreign_key ' || m.name || ' (' || group_concat(f."from", ',') || ') references ' || f."table"
       || ' (' || group_concat(ifnull(f."to", '<pk>'), ',') || ') on_update=' || f.on_update || ' on_delete=' || f.on_delete
       || ' match=' || f."match"
FROM sqlite_schema AS m, pragma_foreign_key_list(m.name) AS f
WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite\_%' ESCAPE '\' AND m.name <> '_flash_migrations'
GROUP BY m.name, f.id;
SELECT 'sql ' || type || ' ' || name || ' ' || tbl_name || ' ' || replace(replace(sql, char(13), ' '), char(10), ' ')
FROM sqlite_schema
WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite\_%' ESCAPE '\' AND name <> '_flash_migrations';
