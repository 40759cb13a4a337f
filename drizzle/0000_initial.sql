CREATE TYPE "public"."problem_type" AS ENUM('grammar', 'functional', 'vocabulary');--> statement-breakpoint
CREATE TABLE "problems" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"problem_type" "problem_type" NOT NULL,
	"title" text NOT NULL,
	"instructions" text NOT NULL,
	"correct_answer_index" integer NOT NULL,
	"target_language_code" varchar(3) DEFAULT 'eng' NOT NULL,
	"statements" jsonb NOT NULL,
	"topic_tags" text[] DEFAULT '{}'::text[] NOT NULL,
	"metadata" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"generation_trace" jsonb,
	CONSTRAINT "problems_statements_non_empty_array" CHECK (jsonb_typeof("problems"."statements") = 'array' AND jsonb_array_length("problems"."statements") > 0),
	CONSTRAINT "problems_correct_answer_index_in_range" CHECK ("problems"."correct_answer_index" >= 0 AND "problems"."correct_answer_index" < jsonb_array_length("problems"."statements")),
	CONSTRAINT "problems_target_language_code_format" CHECK ("problems"."target_language_code" ~ '^[a-z]{3}$')
);
--> statement-breakpoint
CREATE INDEX "idx_problems_topic_tags" ON "problems" USING gin ("topic_tags");