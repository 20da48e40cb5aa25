-- Distributes the HybridOrders tables over a Citus cluster (ADR 0012). Run on the coordinator, after the migrations
-- (db/postgresql/hybridorders.sql or the service's MigrateOnStartup), as scripts/citus.sh up does. Idempotent: a table already
-- distributed is left alone, a table not there yet is skipped with a notice, so the file can run again after each migration.
--
-- MAINTAIN THIS FILE when a migration adds a table: add a row to the plan below. Rules (Citus refuses otherwise):
--   * a distributed table's distribution column is part of its primary key and of every unique index;
--   * a foreign key between distributed tables joins them on the distribution column, and the tables are colocated;
--   * a foreign key from a distributed table may point at a reference table, never the other way round.
-- The end of the file warns about every table that is in no row of the plan.

SET citus.shard_count = 8;          -- 4 shards per worker: spreads two workers, and keeps a fan-out cheap
SET client_min_messages = warning;
SET citus.multi_shard_modify_mode TO 'sequential'; -- foreign keys to reference tables are re-added below: one connection per node

CREATE TEMP TABLE plan (step int, tbl text, how text, col text, colocate text);
INSERT INTO plan VALUES
  -- reference: small, read by every hold and order, a copy on every node (before the tables whose keys point at them)
  (1, 'Locations', 'reference', NULL, NULL),
  (2, 'LocationOpeningHours', 'reference', NULL, NULL),
  (3, 'Products', 'reference', NULL, NULL),
  (4, 'Promotions', 'reference', NULL, NULL),
  -- stock: a stock line and its ledger by SKU; a hold, a receipt or the availability of one SKU touches one shard
  (10, 'StockLines', 'distributed', 'Sku', 'none'),
  (11, 'StockMovements', 'distributed', 'Sku', '"StockLines"'),
  (12, 'SalesHistory', 'distributed', 'Sku', '"StockLines"'),           -- a forecast reads one SKU
  -- an order and everything of it by order id; reading or changing one order touches one shard
  (20, 'Orders', 'distributed', 'Id', 'none'),
  (21, 'OrderLines', 'distributed', 'OrderId', '"Orders"'),
  (22, 'Fulfilments', 'distributed', 'OrderId', '"Orders"'),
  (23, 'FulfilmentLines', 'distributed', 'OrderId', '"Orders"'),
  (24, 'Returns', 'distributed', 'OrderId', '"Orders"'),
  (25, 'ReturnLines', 'distributed', 'OrderId', '"Orders"'),
  (26, 'FulfilmentRoutings', 'distributed', 'OrderId', '"Orders"'),  -- a fulfilment's full routing decision
  -- holds with their lines by reservation id
  (30, 'Reservations', 'distributed', 'Id', 'none'),
  (31, 'ReservationLines', 'distributed', 'ReservationId', '"Reservations"'),
  -- a location's fulfilments per local day (routing capacity), by location: one counter, one shard
  (35, 'LocationCapacityDays', 'distributed', 'LocationCode', 'none'),
  -- idempotency records by key: a retried request finds its record on one shard
  (40, 'IdempotencyRecords', 'distributed', 'Key', 'none'),
  -- plain tables of the coordinator: the migrations history; the events outbox and webhooks (one sequence keeps the
  -- feed's ids increasing, ADR 0012); the customer registry
  (90, '__EFMigrationsHistory', 'coordinator', NULL, NULL),
  (91, 'Events', 'coordinator', NULL, NULL),
  (92, 'WebhookSubscriptions', 'coordinator', NULL, NULL),
  (93, 'WebhookDeliveries', 'coordinator', NULL, NULL),
  -- the customer registry (ADR 0011): identifiers unique across all customers, merges that re-point them, links from every
  -- order, hold and return; kept whole on the coordinator so that uniqueness and merges stay one local transaction
  (94, 'Customers', 'coordinator', NULL, NULL),
  (95, 'CustomerIdentifiers', 'coordinator', NULL, NULL),
  (96, 'CustomerLinks', 'coordinator', NULL, NULL);

DO $$
DECLARE
  p record;
  fk record;
BEGIN
  -- Foreign keys of the tables still to convert are set aside and restored afterwards: otherwise making "Locations" a
  -- reference table would first turn every local table that references it into a Citus local table.
  CREATE TEMP TABLE set_aside AS
    SELECT c.conrelid::regclass::text AS tbl, c.conname, pg_get_constraintdef(c.oid) AS def
    FROM pg_constraint c JOIN pg_class r ON r.oid = c.conrelid JOIN pg_namespace n ON n.oid = r.relnamespace
    JOIN plan ON plan.tbl = r.relname AND plan.how <> 'coordinator'
    WHERE c.contype = 'f' AND n.nspname = 'public'
      AND NOT EXISTS (SELECT 1 FROM pg_dist_partition d WHERE d.logicalrelid = c.conrelid);
  FOR fk IN SELECT * FROM set_aside LOOP
    EXECUTE format('ALTER TABLE %s DROP CONSTRAINT %I', fk.tbl, fk.conname);
  END LOOP;

  FOR p IN SELECT * FROM plan WHERE how <> 'coordinator' ORDER BY step LOOP
    IF to_regclass(format('%I', p.tbl)) IS NULL THEN
      RAISE NOTICE 'no table %: skipped', p.tbl;
    ELSIF NOT EXISTS (SELECT 1 FROM pg_dist_partition d WHERE d.logicalrelid = to_regclass(format('%I', p.tbl))) THEN
      IF p.how = 'reference' THEN
        PERFORM create_reference_table(format('%I', p.tbl));
      ELSE
        PERFORM create_distributed_table(format('%I', p.tbl), p.col, colocate_with => p.colocate);
      END IF;
    END IF;
  END LOOP;

  FOR fk IN SELECT * FROM set_aside LOOP
    EXECUTE format('ALTER TABLE %s ADD CONSTRAINT %I %s', fk.tbl, fk.conname, fk.def);
  END LOOP;
  DROP TABLE set_aside;

  FOR p IN
    SELECT c.relname AS tbl FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND c.relname !~ '_[0-9]+$'
      AND NOT EXISTS (SELECT 1 FROM plan WHERE plan.tbl = c.relname)
  LOOP
    RAISE WARNING 'table "%" is in no row of db/citus/distribute.sql: it stays a local table of the coordinator', p.tbl;
  END LOOP;
END $$;

DROP TABLE plan;
