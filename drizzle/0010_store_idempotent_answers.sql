ALTER TABLE "generation_requests" ADD COLUMN "idempotent_status" integer;--> statement-breakpoint
ALTER TABLE "generation_requests" ADD COLUMN "idempotent_body" text;