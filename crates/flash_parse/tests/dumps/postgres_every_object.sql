-- Every object kind Flash models, loaded into a fresh PostgreSQL database by tests/dumps.rs, dumped back with
-- `pg_dump --schema-only` and parsed. Counts asserted by the test are listed in `dumps.rs`; keep them in step.

-- Roles are global to the server: create the one the grants name without failing when it exists already.
DO $$
BEGIN
    CREATE ROLE flash_dump_reader NOLOGIN;
EXCEPTION WHEN duplicate_object OR unique_violation THEN
    NULL;
END
$$;

CREATE SCHEMA app;
CREATE SCHEMA audit;
COMMENT ON SCHEMA app IS 'application objects';
-- `public` is never declared; its comment is still the schema's.
COMMENT ON SCHEMA public IS 'shared objects';

CREATE EXTENSION IF NOT EXISTS citext WITH SCHEMA public;
CREATE EXTENSION IF NOT EXISTS pgcrypto WITH SCHEMA public;
COMMENT ON EXTENSION citext IS 'case-insensitive text';

-- Types -----------------------------------------------------------------------------------------------------------
CREATE TYPE app.order_status AS ENUM ('pending', 'paid', 'shipped', 'cancelled');
CREATE TYPE app.mood AS ENUM ('sad', 'ok', 'happy');
COMMENT ON TYPE app.order_status IS 'lifecycle of an order';

CREATE DOMAIN app.email AS public.citext
    CONSTRAINT email_has_at CHECK (VALUE OPERATOR(public.~) '@');
CREATE DOMAIN app.positive_amount AS numeric(12, 2) NOT NULL DEFAULT 0
    CONSTRAINT positive_amount_check CHECK (VALUE >= 0);
COMMENT ON DOMAIN app.email IS 'an address with an at sign';

CREATE TYPE app.address AS (
    street text,
    city varchar(80),
    zip char(5)
);
COMMENT ON TYPE app.address IS 'postal address';

CREATE TYPE app.floatrange AS RANGE (subtype = float8, subtype_diff = float8mi);
CREATE TYPE app.textspan AS RANGE (subtype = text, collation = "C", multirange_type_name = app.textspans);
COMMENT ON TYPE app.floatrange IS 'a range of doubles';

-- Sequences -------------------------------------------------------------------------------------------------------
CREATE SEQUENCE app.invoice_number_seq AS integer INCREMENT BY 5 MINVALUE 1000 MAXVALUE 999999 START WITH 1000
    CACHE 10 CYCLE;
CREATE SEQUENCE audit.event_seq;
COMMENT ON SEQUENCE app.invoice_number_seq IS 'invoice numbers';

-- Tables ----------------------------------------------------------------------------------------------------------
CREATE TABLE app.customers (
    id bigint GENERATED ALWAYS AS IDENTITY (START WITH 100 INCREMENT BY 1) PRIMARY KEY,
    email app.email NOT NULL,
    full_name varchar(200) NOT NULL,
    first_name text,
    last_name text,
    display_name text GENERATED ALWAYS AS (coalesce(first_name, '') || ' ' || coalesce(last_name, '')) STORED,
    mood app.mood DEFAULT 'ok',
    home app.address,
    credit_window app.floatrange,
    name_spans app.textspans,
    tags text[] NOT NULL DEFAULT '{}',
    settings jsonb NOT NULL DEFAULT '{}'::jsonb,
    api_key uuid NOT NULL DEFAULT gen_random_uuid(),
    balance app.positive_amount,
    created_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT customers_email_key UNIQUE (email),
    CONSTRAINT customers_name_check CHECK (char_length(full_name) > 0)
);
COMMENT ON TABLE app.customers IS 'people who buy things';
COMMENT ON COLUMN app.customers.email IS 'login address';
COMMENT ON CONSTRAINT customers_name_check ON app.customers IS 'names are never empty';

CREATE TABLE app.products (
    id serial PRIMARY KEY,
    sku varchar(32) NOT NULL,
    title text NOT NULL,
    price numeric(10, 2) NOT NULL CHECK (price >= 0),
    discounted numeric(10, 2),
    weight_grams integer DEFAULT 0,
    search tsvector,
    attributes jsonb,
    is_active boolean NOT NULL DEFAULT true,
    CONSTRAINT products_sku_key UNIQUE NULLS NOT DISTINCT (sku),
    CONSTRAINT products_discount_check CHECK (discounted IS NULL OR discounted < price)
);
COMMENT ON COLUMN app.products.sku IS 'stock keeping unit';

CREATE TABLE app.orders (
    id bigserial PRIMARY KEY,
    customer_id bigint NOT NULL,
    status app.order_status NOT NULL DEFAULT 'pending',
    invoice_number integer DEFAULT nextval('app.invoice_number_seq'),
    shipping app.address,
    total numeric(12, 2) NOT NULL DEFAULT 0,
    placed_at timestamp(3) without time zone NOT NULL DEFAULT CURRENT_TIMESTAMP,
    note text COLLATE "C",
    CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id) REFERENCES app.customers (id)
        ON UPDATE CASCADE ON DELETE RESTRICT,
    CONSTRAINT orders_invoice_key UNIQUE (invoice_number) DEFERRABLE INITIALLY DEFERRED
);

CREATE TABLE app.order_items (
    order_id bigint NOT NULL REFERENCES app.orders (id) ON DELETE CASCADE,
    line_no smallint NOT NULL,
    product_id integer REFERENCES app.products (id) ON DELETE SET NULL,
    quantity integer NOT NULL DEFAULT 1 CHECK (quantity > 0),
    unit_price numeric(10, 2) NOT NULL,
    PRIMARY KEY (order_id, line_no)
);

CREATE TABLE app.product_links (
    product_id integer NOT NULL,
    related_id integer NOT NULL,
    CONSTRAINT product_links_pkey PRIMARY KEY (product_id, related_id),
    CONSTRAINT product_links_product_fk FOREIGN KEY (product_id) REFERENCES app.products (id)
        MATCH FULL ON DELETE CASCADE,
    CONSTRAINT product_links_related_fk FOREIGN KEY (related_id) REFERENCES app.products (id)
        ON DELETE NO ACTION DEFERRABLE INITIALLY IMMEDIATE
);
-- NOT VALID only means something on a table that may already hold rows, so it is added afterwards.
ALTER TABLE app.product_links ADD CONSTRAINT product_links_not_self CHECK (product_id <> related_id) NOT VALID;

CREATE TABLE app.reservations (
    id integer GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    room text NOT NULL,
    during tsrange NOT NULL,
    CONSTRAINT reservations_no_overlap EXCLUDE USING gist (during WITH &&)
);

CREATE UNLOGGED TABLE app.sessions (
    token text PRIMARY KEY,
    customer_id bigint REFERENCES app.customers (id) ON DELETE SET DEFAULT,
    data bytea,
    expires_at timestamptz
) WITH (fillfactor = 70);

-- Partitioned tables and partitions.
CREATE TABLE audit.events (
    id bigint NOT NULL DEFAULT nextval('audit.event_seq'),
    happened_at timestamptz NOT NULL,
    kind text NOT NULL,
    payload jsonb,
    PRIMARY KEY (id, happened_at)
) PARTITION BY RANGE (happened_at);
CREATE TABLE audit.events_2025 PARTITION OF audit.events
    FOR VALUES FROM ('2025-01-01 00:00:00+00') TO ('2026-01-01 00:00:00+00');
CREATE TABLE audit.events_2026 PARTITION OF audit.events
    FOR VALUES FROM ('2026-01-01 00:00:00+00') TO ('2027-01-01 00:00:00+00');
CREATE TABLE audit.events_default PARTITION OF audit.events DEFAULT;
COMMENT ON TABLE audit.events IS 'append-only audit trail';

CREATE TABLE app.regional_sales (
    region text NOT NULL,
    amount numeric NOT NULL
) PARTITION BY LIST (region);
CREATE TABLE app.regional_sales_eu PARTITION OF app.regional_sales FOR VALUES IN ('de', 'fr', 'it');
CREATE TABLE app.regional_sales_us PARTITION OF app.regional_sales FOR VALUES IN ('us');

CREATE TABLE app.buckets (
    id integer NOT NULL,
    body text
) PARTITION BY HASH (id);
CREATE TABLE app.buckets_0 PARTITION OF app.buckets FOR VALUES WITH (MODULUS 2, REMAINDER 0);
CREATE TABLE app.buckets_1 PARTITION OF app.buckets FOR VALUES WITH (MODULUS 2, REMAINDER 1);

-- Inheritance.
CREATE TABLE app.vehicles (
    id integer PRIMARY KEY,
    wheels integer NOT NULL DEFAULT 4
);
CREATE TABLE app.trucks (
    payload_kg integer
) INHERITS (app.vehicles);

-- Indexes ---------------------------------------------------------------------------------------------------------
CREATE INDEX orders_customer_placed_idx ON app.orders USING btree (customer_id, placed_at DESC NULLS LAST);
CREATE INDEX orders_open_idx ON app.orders (placed_at) WHERE status IN ('pending', 'paid');
CREATE UNIQUE INDEX customers_lower_name_idx ON app.customers (lower(full_name));
CREATE INDEX products_title_idx ON app.products (title) INCLUDE (price, sku);
CREATE INDEX products_search_idx ON app.products USING gin (search);
CREATE INDEX products_attributes_idx ON app.products USING gin (attributes jsonb_path_ops);
CREATE INDEX products_title_pattern_idx ON app.products (title text_pattern_ops) WITH (fillfactor = 80);
CREATE INDEX sessions_expires_idx ON app.sessions USING brin (expires_at);
CREATE INDEX products_sku_hash_idx ON app.products USING hash (sku);
CREATE INDEX events_kind_idx ON audit.events (kind);
COMMENT ON INDEX app.orders_open_idx IS 'orders still being worked on';

-- Views -----------------------------------------------------------------------------------------------------------
CREATE VIEW app.active_products AS
    SELECT id, sku, title, price FROM app.products WHERE is_active;
CREATE VIEW app.customer_totals WITH (security_barrier = true) AS
    SELECT c.id, c.full_name, coalesce(sum(o.total), 0) AS total
    FROM app.customers c LEFT JOIN app.orders o ON o.customer_id = c.id
    GROUP BY c.id, c.full_name;
CREATE VIEW app.cheap_products AS
    SELECT id, sku, title, price FROM app.active_products WHERE price < 10
    WITH CASCADED CHECK OPTION;
COMMENT ON VIEW app.active_products IS 'what the shop shows';
COMMENT ON COLUMN app.active_products.price IS 'current price';

CREATE MATERIALIZED VIEW app.daily_sales AS
    SELECT date_trunc('day', placed_at) AS day, count(*) AS orders, sum(total) AS revenue
    FROM app.orders GROUP BY 1
    WITH NO DATA;
CREATE UNIQUE INDEX daily_sales_day_idx ON app.daily_sales (day);
COMMENT ON MATERIALIZED VIEW app.daily_sales IS 'refreshed nightly';

-- Functions, procedures, triggers ---------------------------------------------------------------------------------
CREATE FUNCTION app.order_total(p_order_id bigint) RETURNS numeric
    LANGUAGE sql STABLE STRICT
    AS $$ SELECT coalesce(sum(quantity * unit_price), 0) FROM app.order_items WHERE order_id = p_order_id $$;
COMMENT ON FUNCTION app.order_total(bigint) IS 'sum of the lines';

CREATE FUNCTION app.touch_total() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    UPDATE app.orders SET total = app.order_total(NEW.order_id) WHERE id = NEW.order_id;
    RETURN NEW;
END;
$$;

CREATE FUNCTION audit.log_change() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = audit, pg_temp
    AS $$
BEGIN
    INSERT INTO audit.events (happened_at, kind, payload) VALUES (now(), TG_TABLE_NAME || '.' || TG_OP, to_jsonb(NEW));
    RETURN NULL;
END;
$$;

CREATE FUNCTION app.customers_by_mood(wanted app.mood DEFAULT 'ok', OUT id bigint, OUT full_name varchar)
    RETURNS SETOF record
    LANGUAGE sql STABLE PARALLEL SAFE
    AS $$ SELECT id, full_name FROM app.customers WHERE mood = wanted $$;

CREATE PROCEDURE app.archive_orders(IN before timestamp, INOUT moved integer DEFAULT 0)
    LANGUAGE plpgsql
    AS $$
BEGIN
    DELETE FROM app.orders WHERE placed_at < before;
    GET DIAGNOSTICS moved = ROW_COUNT;
END;
$$;
COMMENT ON PROCEDURE app.archive_orders(timestamp, integer) IS 'drops old orders';

CREATE TRIGGER order_items_touch_total
    AFTER INSERT OR UPDATE OF quantity, unit_price ON app.order_items
    FOR EACH ROW EXECUTE FUNCTION app.touch_total();
CREATE TRIGGER customers_audit
    AFTER INSERT OR DELETE ON app.customers
    FOR EACH ROW WHEN (pg_trigger_depth() < 1) EXECUTE FUNCTION audit.log_change();
CREATE TRIGGER orders_audit_statement
    AFTER TRUNCATE ON app.orders
    FOR EACH STATEMENT EXECUTE FUNCTION audit.log_change();
COMMENT ON TRIGGER customers_audit ON app.customers IS 'who came and went';
ALTER TABLE app.orders DISABLE TRIGGER orders_audit_statement;

-- Row level security ----------------------------------------------------------------------------------------------
ALTER TABLE app.orders ENABLE ROW LEVEL SECURITY;
ALTER TABLE app.orders FORCE ROW LEVEL SECURITY;
ALTER TABLE app.customers ENABLE ROW LEVEL SECURITY;
CREATE POLICY orders_owner ON app.orders
    AS PERMISSIVE FOR ALL TO PUBLIC
    USING (customer_id = current_setting('app.customer_id', true)::bigint)
    WITH CHECK (customer_id = current_setting('app.customer_id', true)::bigint);
CREATE POLICY orders_reader ON app.orders
    AS RESTRICTIVE FOR SELECT TO flash_dump_reader
    USING (status <> 'cancelled');
CREATE POLICY customers_self ON app.customers FOR UPDATE
    USING (id = current_setting('app.customer_id', true)::bigint);
COMMENT ON POLICY orders_owner ON app.orders IS 'customers see their own orders';

-- Rules -----------------------------------------------------------------------------------------------------------
CREATE RULE order_items_keep_big AS ON DELETE TO app.order_items WHERE old.quantity > 100 DO INSTEAD NOTHING;
CREATE RULE active_products_insert AS ON INSERT TO app.active_products
    DO INSTEAD INSERT INTO app.products (sku, title, price) VALUES (new.sku, new.title, new.price);
COMMENT ON RULE order_items_keep_big ON app.order_items IS 'big lines stay';

-- Grants ----------------------------------------------------------------------------------------------------------
GRANT USAGE ON SCHEMA app TO flash_dump_reader;
GRANT SELECT ON app.products, app.active_products TO flash_dump_reader;
GRANT SELECT, INSERT, UPDATE (status) ON app.orders TO flash_dump_reader;
GRANT USAGE, SELECT ON SEQUENCE app.invoice_number_seq TO flash_dump_reader;
GRANT EXECUTE ON FUNCTION app.order_total(bigint) TO flash_dump_reader;
REVOKE EXECUTE ON FUNCTION audit.log_change() FROM PUBLIC;
