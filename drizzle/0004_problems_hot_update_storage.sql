-- Every serve rewrites a problems row. Room left in each page (fillfactor) lets the new version land beside the old
-- one, and vacuuming after ~2% of rows changed (not the default 20%) keeps dead versions and the dead entries at the
-- head of the LRU indexes few, so the pick's index walk stays short as serves accumulate.
ALTER TABLE "problems" SET (
  fillfactor = 80,
  autovacuum_vacuum_scale_factor = 0.02,
  autovacuum_vacuum_threshold = 1000,
  autovacuum_analyze_scale_factor = 0.05,
  autovacuum_vacuum_cost_delay = 1
);
--> statement-breakpoint
-- A serve cannot be a HOT update (last_served_at is indexed), so each one adds entries to the tag index too. With
-- GIN's pending list those pile up unsorted and every filtered pick would scan them all; inserting them directly
-- costs a little more per serve and keeps the filtered pick's cost flat.
ALTER INDEX "idx_problems_topic_tags" SET (fastupdate = off);
