CREATE TABLE "hub_months" (
	"province" text NOT NULL,
	"month" text NOT NULL,
	"as_of" bigint NOT NULL,
	"content_hash" text NOT NULL,
	"synced_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "hub_months_province_month_pk" PRIMARY KEY("province","month"),
	CONSTRAINT "hub_months_month_check" CHECK ("hub_months"."month" ~ '^[0-9]{4}-[0-1][0-9]$')
);
--> statement-breakpoint
CREATE TABLE "hub_provinces" (
	"code" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"key_prefix" text NOT NULL,
	"key_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_sync_at" timestamp with time zone,
	CONSTRAINT "hub_provinces_key_hash_unique" UNIQUE("key_hash")
);
--> statement-breakpoint
CREATE TABLE "national_month_answers" (
	"province" text NOT NULL,
	"survey" text NOT NULL,
	"method_version" text NOT NULL,
	"dim" text NOT NULL,
	"month" text NOT NULL,
	"key" text NOT NULL,
	"question" text NOT NULL,
	"code" integer NOT NULL,
	"n" integer NOT NULL,
	CONSTRAINT "national_month_answers_province_month_survey_method_version_dim_key_question_code_pk" PRIMARY KEY("province","month","survey","method_version","dim","key","question","code"),
	CONSTRAINT "national_month_answers_n_check" CHECK ("national_month_answers"."n" >= 0)
);
--> statement-breakpoint
CREATE TABLE "national_month_responses" (
	"province" text NOT NULL,
	"survey" text NOT NULL,
	"method_version" text NOT NULL,
	"dim" text NOT NULL,
	"month" text NOT NULL,
	"key" text NOT NULL,
	"n" integer NOT NULL,
	CONSTRAINT "national_month_responses_province_month_survey_method_version_dim_key_pk" PRIMARY KEY("province","month","survey","method_version","dim","key"),
	CONSTRAINT "national_month_responses_n_check" CHECK ("national_month_responses"."n" >= 0)
);
--> statement-breakpoint
ALTER TABLE "hub_months" ADD CONSTRAINT "hub_months_province_hub_provinces_code_fk" FOREIGN KEY ("province") REFERENCES "public"."hub_provinces"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "national_month_answers_read_idx" ON "national_month_answers" USING btree ("survey","method_version","dim","month");--> statement-breakpoint
CREATE INDEX "national_month_responses_read_idx" ON "national_month_responses" USING btree ("survey","method_version","dim","month");