CREATE TABLE "dead_letters" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"original_topic" text NOT NULL,
	"original_partition" integer NOT NULL,
	"original_offset" bigint NOT NULL,
	"consumer_group" text NOT NULL,
	"message_key" text,
	"value_base64" text NOT NULL,
	"headers" jsonb NOT NULL,
	"message_id" text,
	"generation_request_id" uuid,
	"error_code" text NOT NULL,
	"error_class" text NOT NULL,
	"error_message" text NOT NULL,
	"attempts" integer NOT NULL,
	"dead_lettered_at" timestamp with time zone DEFAULT now() NOT NULL,
	"replayed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE UNIQUE INDEX "uq_dead_letters_original_position" ON "dead_letters" USING btree ("original_topic","original_partition","original_offset");--> statement-breakpoint
CREATE INDEX "idx_dead_letters_generation_request_id" ON "dead_letters" USING btree ("generation_request_id");--> statement-breakpoint
CREATE INDEX "idx_dead_letters_pending" ON "dead_letters" USING btree ("dead_lettered_at") WHERE "dead_letters"."replayed_at" IS NULL;