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
-- A serve cannot be a HOT update (last_served_at is indexed), so each one adds entries to the tag index too. They
-- wait in GIN's pending list, which every tag-filtered pick scans in full: a 64 kB limit (default 4 MB) keeps that
-- scan to a few pages, while still merging entries in bulk (inserting each directly halved bulk-insert speed).
ALTER INDEX "idx_problems_topic_tags" SET (gin_pending_list_limit = 64);
