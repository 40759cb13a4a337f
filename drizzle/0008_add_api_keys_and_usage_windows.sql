CREATE TABLE "api_keys" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"prefix" text NOT NULL,
	"key_hash" text NOT NULL,
	"scopes" text[] NOT NULL,
	"allowed_cidrs" text[],
	"active" boolean DEFAULT true NOT NULL,
	"usage_count" bigint DEFAULT 0 NOT NULL,
	"last_used_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "uq_api_keys_prefix" UNIQUE("prefix"),
	CONSTRAINT "api_keys_scopes_valid" CHECK ("api_keys"."scopes" <@ ARRAY['read', 'generate', 'admin']::text[]),
	CONSTRAINT "api_keys_revoked_inactive" CHECK ("api_keys"."revoked_at" IS NULL OR NOT "api_keys"."active")
);
--> statement-breakpoint
CREATE TABLE "usage_windows" (
	"bucket" text NOT NULL,
	"window_start" timestamp with time zone NOT NULL,
	"used" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "usage_windows_pkey" PRIMARY KEY("bucket","window_start")
);
--> statement-breakpoint
ALTER TABLE "generation_requests" ADD COLUMN "api_key_id" uuid;--> statement-breakpoint
ALTER TABLE "generation_requests" ADD COLUMN "idempotency_key" text;--> statement-breakpoint
ALTER TABLE "generation_requests" ADD COLUMN "idempotency_fingerprint" text;--> statement-breakpoint
ALTER TABLE "generation_requests" ADD CONSTRAINT "generation_requests_api_key_id_api_keys_id_fk" FOREIGN KEY ("api_key_id") REFERENCES "public"."api_keys"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "idx_generation_requests_api_key_id" ON "generation_requests" USING btree ("api_key_id","requested_at" DESC NULLS LAST);--> statement-breakpoint
CREATE UNIQUE INDEX "uq_generation_requests_idempotency" ON "generation_requests" USING btree (coalesce("api_key_id"::text, ''),"idempotency_key") WHERE "generation_requests"."idempotency_key" IS NOT NULL;