CREATE TABLE "generation_items" (
	"message_id" uuid PRIMARY KEY NOT NULL,
	"generation_request_id" uuid NOT NULL,
	"outcome" text NOT NULL,
	"error_code" text,
	"error_message" text,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "generation_items_outcome_valid" CHECK ("generation_items"."outcome" IN ('generated', 'failed'))
);
--> statement-breakpoint
CREATE TABLE "generation_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"entity_type" text DEFAULT 'problem' NOT NULL,
	"origin" text DEFAULT 'api' NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"requested_count" integer NOT NULL,
	"generated_count" integer DEFAULT 0 NOT NULL,
	"failed_count" integer DEFAULT 0 NOT NULL,
	"constraints" jsonb,
	"metadata" jsonb,
	"error_message" text,
	"requested_at" timestamp with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp with time zone,
	"completed_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "generation_requests_status_valid" CHECK ("generation_requests"."status" IN ('pending', 'processing', 'completed', 'partial', 'failed', 'expired')),
	CONSTRAINT "generation_requests_origin_valid" CHECK ("generation_requests"."origin" IN ('api', 'pool_refill')),
	CONSTRAINT "generation_requests_requested_count_positive" CHECK ("generation_requests"."requested_count" > 0),
	CONSTRAINT "generation_requests_counts_in_range" CHECK ("generation_requests"."generated_count" >= 0 AND "generation_requests"."failed_count" >= 0 AND "generation_requests"."generated_count" + "generation_requests"."failed_count" <= "generation_requests"."requested_count")
);
--> statement-breakpoint
ALTER TABLE "problems" ADD COLUMN "generation_request_id" uuid;--> statement-breakpoint
ALTER TABLE "problems" ADD COLUMN "source_message_id" uuid;--> statement-breakpoint
ALTER TABLE "generation_items" ADD CONSTRAINT "generation_items_generation_request_id_generation_requests_id_fk" FOREIGN KEY ("generation_request_id") REFERENCES "public"."generation_requests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "idx_generation_items_generation_request_id" ON "generation_items" USING btree ("generation_request_id");--> statement-breakpoint
CREATE INDEX "idx_generation_requests_status" ON "generation_requests" USING btree ("status");--> statement-breakpoint
CREATE INDEX "idx_generation_requests_requested_at" ON "generation_requests" USING btree ("requested_at" DESC NULLS LAST);--> statement-breakpoint
CREATE UNIQUE INDEX "uq_generation_requests_open_refill" ON "generation_requests" USING btree ("origin") WHERE "generation_requests"."origin" = 'pool_refill' AND "generation_requests"."status" IN ('pending', 'processing');--> statement-breakpoint
ALTER TABLE "problems" ADD CONSTRAINT "problems_generation_request_id_generation_requests_id_fk" FOREIGN KEY ("generation_request_id") REFERENCES "public"."generation_requests"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "idx_problems_generation_request_id" ON "problems" USING btree ("generation_request_id");--> statement-breakpoint
ALTER TABLE "problems" ADD CONSTRAINT "uq_problems_source_message_id" UNIQUE("source_message_id");