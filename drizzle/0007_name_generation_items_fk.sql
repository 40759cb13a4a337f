-- The foreign key's generated name had 64 characters and Postgres kept the first 63, so the schema and the database
-- disagreed (drizzle-kit push --strict wanted to drop and re-add it). A rename keeps the constraint as it is.
ALTER TABLE "generation_items" RENAME CONSTRAINT "generation_items_generation_request_id_generation_requests_id_f" TO "fk_generation_items_generation_request_id";
