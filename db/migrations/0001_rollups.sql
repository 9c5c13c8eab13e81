-- Hand-edited: the rollup_* tables are WITHOUT ROWID (drizzle-kit 0.31 cannot declare it). Every column
-- but `n` is key, so a rowid table would store each row twice and read `n` through a second lookup.
CREATE TABLE `api_keys` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`name` text NOT NULL,
	`agency_id` integer,
	`counter_id` integer,
	`prefix` text NOT NULL,
	`key_hash` text NOT NULL,
	`created_at` integer NOT NULL,
	`revoked_at` integer,
	`last_used_at` integer,
	FOREIGN KEY (`agency_id`) REFERENCES `agencies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`counter_id`) REFERENCES `counters`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "api_keys_kind_check" CHECK("api_keys"."kind" in ('kiosk', 'surveyor', 'integration'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `api_keys_key_hash_unique` ON `api_keys` (`key_hash`);--> statement-breakpoint
CREATE INDEX `api_keys_agency_idx` ON `api_keys` (`agency_id`);--> statement-breakpoint
CREATE INDEX `api_keys_counter_idx` ON `api_keys` (`counter_id`);--> statement-breakpoint
CREATE TABLE `rollup_answers` (
	`survey_version_id` integer NOT NULL,
	`day_vn` text NOT NULL,
	`agency_id` integer NOT NULL,
	`field_id` integer NOT NULL,
	`counter_id` integer NOT NULL,
	`channel` text NOT NULL,
	`question` text NOT NULL,
	`code` integer NOT NULL,
	`n` integer NOT NULL,
	PRIMARY KEY(`survey_version_id`, `day_vn`, `agency_id`, `field_id`, `counter_id`, `channel`, `question`, `code`)
) WITHOUT ROWID;
--> statement-breakpoint
CREATE TABLE `rollup_month_answers` (
	`survey_version_id` integer NOT NULL,
	`dim` text NOT NULL,
	`month` text NOT NULL,
	`key` text NOT NULL,
	`question` text NOT NULL,
	`code` integer NOT NULL,
	`n` integer NOT NULL,
	PRIMARY KEY(`survey_version_id`, `dim`, `month`, `key`, `question`, `code`)
) WITHOUT ROWID;
--> statement-breakpoint
CREATE TABLE `rollup_month_responses` (
	`survey_version_id` integer NOT NULL,
	`dim` text NOT NULL,
	`month` text NOT NULL,
	`key` text NOT NULL,
	`n` integer NOT NULL,
	PRIMARY KEY(`survey_version_id`, `dim`, `month`, `key`)
) WITHOUT ROWID;
--> statement-breakpoint
CREATE TABLE `rollup_profile` (
	`survey_version_id` integer NOT NULL,
	`profile_question` text NOT NULL,
	`month` text NOT NULL,
	`agency_id` integer NOT NULL,
	`profile_code` integer NOT NULL,
	`question` text NOT NULL,
	`code` integer NOT NULL,
	`n` integer NOT NULL,
	PRIMARY KEY(`survey_version_id`, `profile_question`, `month`, `agency_id`, `profile_code`, `question`, `code`)
) WITHOUT ROWID;
--> statement-breakpoint
CREATE TABLE `rollup_responses` (
	`survey_version_id` integer NOT NULL,
	`day_vn` text NOT NULL,
	`agency_id` integer NOT NULL,
	`field_id` integer NOT NULL,
	`counter_id` integer NOT NULL,
	`channel` text NOT NULL,
	`n` integer NOT NULL,
	PRIMARY KEY(`survey_version_id`, `day_vn`, `agency_id`, `field_id`, `counter_id`, `channel`)
) WITHOUT ROWID;
