-- One fact per row, newlines escaped, nothing that names the database. Read by postgres.rs.
-- ACLs are the privileges in force: a NULL ACL is its kind's default (acldefault), which no GRANT or REVOKE ever
-- writes back as NULL, and the entries are sorted, as their order in the array means nothing.
WITH ns AS (
    SELECT oid, nspname FROM pg_namespace
    WHERE nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')
      AND nspname NOT LIKE 'pg\_temp\_%' AND nspname NOT LIKE 'pg\_toast\_temp\_%'
),
-- Objects an extension created belong to the extension, not to the schema being migrated.
ext AS (SELECT classid, objid FROM pg_depend WHERE deptype = 'e'),
rel AS (
    SELECT c.*, quote_ident(n.nspname) || '.' || quote_ident(c.relname) AS qname
    FROM pg_class c JOIN ns n ON n.oid = c.relnamespace
    WHERE c.relname <> '_flash_migrations'
      AND NOT EXISTS (SELECT 1 FROM ext e WHERE e.classid = 'pg_class'::regclass AND e.objid = c.oid)
),
facts(f) AS (
    SELECT format('schema %s acl=%s', quote_ident(nspname), (SELECT (SELECT string_agg(a::text, ',' ORDER BY a::text) FROM unnest(coalesce(p.nspacl, acldefault('n', p.nspowner))) a) FROM pg_namespace p WHERE p.oid = ns.oid))
    FROM ns
  UNION ALL
    SELECT format('extension %s schema=%s', quote_ident(x.extname), quote_ident(n.nspname))
    FROM pg_extension x JOIN pg_namespace n ON n.oid = x.extnamespace WHERE x.extname <> 'plpgsql'
  UNION ALL
    SELECT format('relation %s kind=%s persistence=%s rls=%s force_rls=%s options=%s acl=%s partition_key=%s partition_of=%s bound=%s',
        r.qname, r.relkind, r.relpersistence, r.relrowsecurity, r.relforcerowsecurity, r.reloptions::text,
        (SELECT string_agg(a::text, ',' ORDER BY a::text) FROM unnest(coalesce(r.relacl, acldefault(CASE WHEN r.relkind = 'S' THEN 's' ELSE 'r' END::"char", r.relowner))) a),
        CASE WHEN r.relkind = 'p' THEN pg_get_partkeydef(r.oid) END,
        (SELECT p.qname FROM pg_inherits i JOIN rel p ON p.oid = i.inhparent WHERE i.inhrelid = r.oid AND r.relispartition),
        pg_get_expr(r.relpartbound, r.oid))
    FROM rel r WHERE r.relkind IN ('r', 'p', 'v', 'm', 'f', 'S')
  UNION ALL
    SELECT format('inherits %s from %s', r.qname, p.qname)
    FROM rel r JOIN pg_inherits i ON i.inhrelid = r.oid JOIN rel p ON p.oid = i.inhparent
    WHERE NOT r.relispartition AND r.relkind IN ('r', 'p')
  UNION ALL
    SELECT format('column %s.%s type=%s not_null=%s default=%s identity=%s generated=%s collation=%s acl=%s',
        r.qname, quote_ident(a.attname), format_type(a.atttypid, a.atttypmod), a.attnotnull,
        pg_get_expr(d.adbin, d.adrelid), a.attidentity, a.attgenerated,
        CASE WHEN a.attcollation <> 0 AND a.attcollation <> t.typcollation
             THEN (SELECT collname FROM pg_collation WHERE oid = a.attcollation) END,
        (SELECT string_agg(x::text, ',' ORDER BY x::text) FROM unnest(a.attacl) x))
    FROM rel r JOIN pg_attribute a ON a.attrelid = r.oid AND a.attnum > 0 AND NOT a.attisdropped
    JOIN pg_type t ON t.oid = a.atttypid
    LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
    WHERE r.relkind IN ('r', 'p', 'v', 'm', 'f')
  UNION ALL
    SELECT format('constraint %s %s type=%s def=%s deferrable=%s deferred=%s validated=%s',
        r.qname, quote_ident(c.conname), c.contype, pg_get_constraintdef(c.oid), c.condeferrable, c.condeferred, c.convalidated)
    FROM pg_constraint c JOIN rel r ON r.oid = c.conrelid
  UNION ALL
    SELECT format('index %s def=%s primary=%s clustered=%s', i.qname, pg_get_indexdef(i.oid), x.indisprimary, x.indisclustered)
    FROM rel i JOIN pg_index x ON x.indexrelid = i.oid
  UNION ALL
    SELECT format('sequence %s type=%s start=%s increment=%s min=%s max=%s cache=%s cycle=%s owned_by=%s',
        r.qname, format_type(s.seqtypid, NULL), s.seqstart, s.seqincrement, s.seqmin, s.seqmax, s.seqcache, s.seqcycle,
        (SELECT t.qname || '.' || quote_ident(a.attname) || ' ' || d.deptype::text
         FROM pg_depend d JOIN rel t ON t.oid = d.refobjid
         JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid
         WHERE d.classid = 'pg_class'::regclass AND d.objid = r.oid AND d.refclassid = 'pg_class'::regclass
           AND d.deptype IN ('a', 'i')))
    FROM rel r JOIN pg_sequence s ON s.seqrelid = r.oid
  UNION ALL
    SELECT format('view %s def=%s', r.qname, pg_get_viewdef(r.oid, true))
    FROM rel r WHERE r.relkind IN ('v', 'm')
  UNION ALL
    SELECT format('rule %s %s enabled=%s def=%s', r.qname, quote_ident(w.rulename), w.ev_enabled, pg_get_ruledef(w.oid))
    FROM pg_rewrite w JOIN rel r ON r.oid = w.ev_class WHERE w.rulename <> '_RETURN'
  UNION ALL
    SELECT format('type %s kind=%s acl=%s%s', quote_ident(n.nspname) || '.' || quote_ident(t.typname), t.typtype, (SELECT string_agg(a::text, ',' ORDER BY a::text) FROM unnest(coalesce(t.typacl, acldefault('T', t.typowner))) a),
        CASE t.typtype
          WHEN 'e' THEN ' labels=' || (SELECT string_agg(quote_literal(e.enumlabel), ',' ORDER BY e.enumsortorder) FROM pg_enum e WHERE e.enumtypid = t.oid)
          WHEN 'd' THEN format(' base=%s not_null=%s default=%s', format_type(t.typbasetype, t.typtypmod), t.typnotnull, t.typdefault)
          WHEN 'c' THEN ' attributes=' || (SELECT string_agg(quote_ident(a.attname) || ' ' || format_type(a.atttypid, a.atttypmod), ',' ORDER BY a.attnum)
                                           FROM pg_attribute a WHERE a.attrelid = t.typrelid AND a.attnum > 0 AND NOT a.attisdropped)
          WHEN 'r' THEN (SELECT format(' subtype=%s opclass=%s collation=%s canonical=%s subtype_diff=%s multirange=%s',
                                       format_type(r.rngsubtype, NULL),
                                       (SELECT quote_ident(on_.nspname) || '.' || quote_ident(oc.opcname)
                                        FROM pg_opclass oc JOIN pg_namespace on_ ON on_.oid = oc.opcnamespace
                                        WHERE oc.oid = r.rngsubopc),
                                       (SELECT collname FROM pg_collation WHERE oid = r.rngcollation),
                                       r.rngcanonical::regprocedure, r.rngsubdiff::regprocedure,
                                       format_type(r.rngmultitypid, NULL))
                         FROM pg_range r WHERE r.rngtypid = t.oid)
          ELSE '' END)
    FROM pg_type t JOIN ns n ON n.oid = t.typnamespace
    WHERE (t.typtype IN ('e', 'd', 'r')
           OR (t.typtype = 'c' AND EXISTS (SELECT 1 FROM pg_class c WHERE c.oid = t.typrelid AND c.relkind = 'c')))
      AND NOT EXISTS (SELECT 1 FROM ext e WHERE e.classid = 'pg_type'::regclass AND e.objid = t.oid)
  UNION ALL
    SELECT format('constraint %s %s type=%s def=%s', quote_ident(n.nspname) || '.' || quote_ident(t.typname), quote_ident(c.conname), c.contype, pg_get_constraintdef(c.oid))
    FROM pg_constraint c JOIN pg_type t ON t.oid = c.contypid JOIN ns n ON n.oid = t.typnamespace
  UNION ALL
    SELECT format('function %s kind=%s acl=%s def=%s', p.oid::regprocedure::text, p.prokind, (SELECT string_agg(a::text, ',' ORDER BY a::text) FROM unnest(coalesce(p.proacl, acldefault('f', p.proowner))) a),
        CASE WHEN p.prokind IN ('f', 'p', 'w') THEN pg_get_functiondef(p.oid) END)
    FROM pg_proc p JOIN ns n ON n.oid = p.pronamespace
    WHERE NOT EXISTS (SELECT 1 FROM ext e WHERE e.classid = 'pg_proc'::regclass AND e.objid = p.oid)
  UNION ALL
    SELECT format('trigger %s %s enabled=%s def=%s', r.qname, quote_ident(g.tgname), g.tgenabled, pg_get_triggerdef(g.oid))
    FROM pg_trigger g JOIN rel r ON r.oid = g.tgrelid WHERE NOT g.tgisinternal
  UNION ALL
    SELECT format('policy %s %s cmd=%s permissive=%s roles=%s using=%s check=%s', r.qname, quote_ident(p.polname), p.polcmd,
        p.polpermissive, (SELECT string_agg(CASE WHEN o = 0 THEN 'public' ELSE o::regrole::text END, ',' ORDER BY 1) FROM unnest(p.polroles) o),
        pg_get_expr(p.polqual, p.polrelid), pg_get_expr(p.polwithcheck, p.polrelid))
    FROM pg_policy p JOIN rel r ON r.oid = p.polrelid
  UNION ALL
    -- pg_identify_object names the object schema-qualified and without the database; comments on the database itself
    -- live in pg_shdescription, which is not read.
    SELECT format('comment on %s %s is %s', o.type, o.identity, quote_literal(d.description))
    FROM pg_description d, pg_identify_object(d.classoid, d.objoid, d.objsubid) o
    WHERE (d.classoid = 'pg_namespace'::regclass AND d.objoid IN (SELECT oid FROM ns))
       OR (d.classoid = 'pg_class'::regclass AND d.objoid IN (SELECT oid FROM rel))
       OR (d.classoid = 'pg_type'::regclass AND d.objoid IN (SELECT t.oid FROM pg_type t JOIN ns n ON n.oid = t.typnamespace))
       OR (d.classoid = 'pg_proc'::regclass AND d.objoid IN (SELECT p.oid FROM pg_proc p JOIN ns n ON n.oid = p.pronamespace))
       OR (d.classoid = 'pg_constraint'::regclass AND d.objoid IN (SELECT c.oid FROM pg_constraint c JOIN ns n ON n.oid = c.connamespace))
       OR (d.classoid = 'pg_trigger'::regclass AND d.objoid IN (SELECT g.oid FROM pg_trigger g JOIN rel r ON r.oid = g.tgrelid))
       OR (d.classoid = 'pg_policy'::regclass AND d.objoid IN (SELECT p.oid FROM pg_policy p JOIN rel r ON r.oid = p.polrelid))
       OR (d.classoid = 'pg_rewrite'::regclass AND d.objoid IN (SELECT w.oid FROM pg_rewrite w JOIN rel r ON r.oid = w.ev_class
                                                                WHERE w.rulename <> '_RETURN'))
)
SELECT replace(replace(f, E'\\', E'\\\\'), E'\n', E'\\n') FROM facts;
