-- One fact per row; mariadb --batch escapes newlines and tabs. `@db` (the database's own name) is cut out of every
-- definition the server qualifies with it. Read by mysql.rs.
SET SESSION group_concat_max_len = 1000000;
SET @db = DATABASE();
SET @q = CONCAT('`', @db, '`.');
SELECT CONCAT_WS(' ', 'table', TABLE_NAME, 'type=', TABLE_TYPE, 'engine=', IFNULL(ENGINE, ''), 'collation=', IFNULL(TABLE_COLLATION, ''),
        'options=', IFNULL(CREATE_OPTIONS, ''), 'comment=', QUOTE(TABLE_COMMENT))
FROM information_schema.TABLES WHERE TABLE_SCHEMA = @db AND TABLE_NAME <> '_flash_migrations'
UNION ALL
SELECT CONCAT_WS(' ', 'column', CONCAT(TABLE_NAME, '.', COLUMN_NAME), 'type=', COLUMN_TYPE, 'nullable=', IS_NULLABLE,
        'default=', IFNULL(COLUMN_DEFAULT, '<none>'), 'extra=', EXTRA, 'generated=', IFNULL(GENERATION_EXPRESSION, ''),
        'charset=', IFNULL(CHARACTER_SET_NAME, ''), 'collation=', IFNULL(COLLATION_NAME, ''), 'comment=', QUOTE(COLUMN_COMMENT))
FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = @db AND TABLE_NAME <> '_flash_migrations'
UNION ALL
SELECT CONCAT_WS(' ', 'constraint', CONCAT(c.TABLE_NAME, '.', c.CONSTRAINT_NAME), 'type=', c.CONSTRAINT_TYPE,
        'columns=', (SELECT GROUP_CONCAT(k.COLUMN_NAME ORDER BY k.ORDINAL_POSITION) FROM information_schema.KEY_COLUMN_USAGE k
                     WHERE k.CONSTRAINT_SCHEMA = @db AND k.TABLE_NAME = c.TABLE_NAME AND k.CONSTRAINT_NAME = c.CONSTRAINT_NAME),
        'references=', IFNULL((SELECT CONCAT(IF(r.UNIQUE_CONSTRAINT_SCHEMA = @db, '', r.UNIQUE_CONSTRAINT_SCHEMA), ' ', r.REFERENCED_TABLE_NAME, '(',
                          (SELECT GROUP_CONCAT(k.REFERENCED_COLUMN_NAME ORDER BY k.ORDINAL_POSITION) FROM information_schema.KEY_COLUMN_USAGE k
                           WHERE k.CONSTRAINT_SCHEMA = @db AND k.TABLE_NAME = c.TABLE_NAME AND k.CONSTRAINT_NAME = c.CONSTRAINT_NAME),
                          ') on update ', r.UPDATE_RULE, ' on delete ', r.DELETE_RULE)
                   FROM information_schema.REFERENTIAL_CONSTRAINTS r
                   WHERE r.CONSTRAINT_SCHEMA = @db AND r.TABLE_NAME = c.TABLE_NAME AND r.CONSTRAINT_NAME = c.CONSTRAINT_NAME), ''),
        'check=', IFNULL((SELECT k.CHECK_CLAUSE FROM information_schema.CHECK_CONSTRAINTS k
                          WHERE k.CONSTRAINT_SCHEMA = @db AND k.TABLE_NAME = c.TABLE_NAME AND k.CONSTRAINT_NAME = c.CONSTRAINT_NAME), ''))
FROM information_schema.TABLE_CONSTRAINTS c WHERE c.CONSTRAINT_SCHEMA = @db AND c.TABLE_NAME <> '_flash_migrations'
UNION ALL
SELECT CONCAT_WS(' ', 'index', CONCAT(TABLE_NAME, '.', INDEX_NAME), 'unique=', 1 - MAX(NON_UNIQUE), 'type=', MAX(INDEX_TYPE),
        'columns=', GROUP_CONCAT(CONCAT(COLUMN_NAME, IFNULL(CONCAT('(', SUB_PART, ')'), ''), ' ', IFNULL(COLLATION, '')) ORDER BY SEQ_IN_INDEX),
        'comment=', QUOTE(MAX(INDEX_COMMENT)), 'ignored=', MAX(IGNORED))
FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = @db AND TABLE_NAME <> '_flash_migrations'
GROUP BY TABLE_NAME, INDEX_NAME
UNION ALL
SELECT CONCAT_WS(' ', 'view', TABLE_NAME, 'check_option=', CHECK_OPTION, 'security=', SECURITY_TYPE, 'algorithm=', ALGORITHM,
        'def=', REPLACE(VIEW_DEFINITION, @q, ''))
FROM information_schema.VIEWS WHERE TABLE_SCHEMA = @db
UNION ALL
SELECT CONCAT_WS(' ', 'routine', ROUTINE_TYPE, ROUTINE_NAME,
        'params=', IFNULL((SELECT GROUP_CONCAT(CONCAT_WS(' ', IFNULL(p.PARAMETER_MODE, 'RETURNS'), IFNULL(p.PARAMETER_NAME, ''), p.DTD_IDENTIFIER) ORDER BY p.ORDINAL_POSITION)
                           FROM information_schema.PARAMETERS p WHERE p.SPECIFIC_SCHEMA = @db AND p.SPECIFIC_NAME = r.SPECIFIC_NAME AND p.ROUTINE_TYPE = r.ROUTINE_TYPE), ''),
        'deterministic=', IS_DETERMINISTIC, 'data_access=', SQL_DATA_ACCESS, 'security=', SECURITY_TYPE, 'comment=', QUOTE(ROUTINE_COMMENT),
        'body=', REPLACE(ROUTINE_DEFINITION, @q, ''))
FROM information_schema.ROUTINES r WHERE ROUTINE_SCHEMA = @db
UNION ALL
SELECT CONCAT_WS(' ', 'trigger', EVENT_OBJECT_TABLE, TRIGGER_NAME, ACTION_TIMING, EVENT_MANIPULATION, 'order=', ACTION_ORDER,
        'body=', REPLACE(ACTION_STATEMENT, @q, ''))
FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = @db
UNION ALL
SELECT CONCAT_WS(' ', 'partition', TABLE_NAME, PARTITION_NAME, IFNULL(SUBPARTITION_NAME, ''), 'method=', PARTITION_METHOD,
        'expression=', IFNULL(PARTITION_EXPRESSION, ''), 'values=', IFNULL(PARTITION_DESCRIPTION, ''),
        'sub=', IFNULL(SUBPARTITION_METHOD, ''), IFNULL(SUBPARTITION_EXPRESSION, ''))
FROM information_schema.PARTITIONS WHERE TABLE_SCHEMA = @db AND PARTITION_NAME IS NOT NULL
UNION ALL
SELECT CONCAT_WS(' ', 'event', EVENT_NAME, 'type=', EVENT_TYPE, 'status=', STATUS, 'every=', IFNULL(INTERVAL_VALUE, ''), IFNULL(INTERVAL_FIELD, ''),
        'at=', IFNULL(EXECUTE_AT, ''),
        -- A start left out is the moment the event was made (or its schedule last altered): not a fact of the schema.
        'starts=', CASE WHEN STARTS IS NULL THEN ''
                        WHEN STARTS IN (CREATED, LAST_ALTERED)
                          OR CONVERT_TZ(STARTS, TIME_ZONE, @@session.time_zone) IN (CREATED, LAST_ALTERED) THEN 'when made'
                        ELSE STARTS END,
        'ends=', IFNULL(ENDS, ''), 'completion=', ON_COMPLETION, 'comment=', EVENT_COMMENT,
        'body=', REPLACE(EVENT_DEFINITION, @q, ''))
FROM information_schema.EVENTS WHERE EVENT_SCHEMA = @db;
