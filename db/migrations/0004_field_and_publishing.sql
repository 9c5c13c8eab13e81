CREATE TABLE `counter_officers` (
	`counter_id` integer NOT NULL,
	`officer_id` integer NOT NULL,
	PRIMARY KEY(`counter_id`, `officer_id`),
	FOREIGN KEY (`counter_id`) REFERENCES `counters`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`officer_id`) REFERENCES `officers`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `counter_officers_officer_idx` ON `counter_officers` (`officer_id`);--> statement-breakpoint
CREATE TABLE `officers` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`agency_id` integer NOT NULL,
	`name` text NOT NULL,
	`title` text DEFAULT '' NOT NULL,
	`photo` text,
	`pin_hash` text,
	`created_at` integer NOT NULL,
	`disabled_at` integer,
	FOREIGN KEY (`agency_id`) REFERENCES `agencies`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `officers_agency_idx` ON `officers` (`agency_id`);--> statement-breakpoint
CREATE TABLE `assignments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`survey_id` text NOT NULL,
	`agency_id` integer NOT NULL,
	`field_id` integer,
	`quota` integer NOT NULL,
	`from_day` text NOT NULL,
	`to_day` text NOT NULL,
	`created_by` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`agency_id`) REFERENCES `agencies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`field_id`) REFERENCES `fields`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "assignments_quota_check" CHECK("assignments"."quota" > 0)
);
--> statement-breakpoint
CREATE INDEX `assignments_user_idx` ON `assignments` (`user_id`);--> statement-breakpoint
CREATE INDEX `assignments_agency_idx` ON `assignments` (`agency_id`);--> statement-breakpoint
CREATE INDEX `assignments_field_idx` ON `assignments` (`field_id`);--> statement-breakpoint
CREATE TABLE `devices` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`device_uuid` text NOT NULL,
	`kind` text NOT NULL,
	`name` text NOT NULL,
	`api_key_id` integer NOT NULL,
	`user_id` integer,
	`counter_id` integer,
	`created_at` integer NOT NULL,
	`revoked_at` integer,
	`last_contact_at` integer,
	`app_version` text,
	`pending_count` integer DEFAULT 0 NOT NULL,
	`attention_count` integer DEFAULT 0 NOT NULL,
	`cooldown_seconds` integer,
	`daily_cap` integer,
	FOREIGN KEY (`api_key_id`) REFERENCES `api_keys`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`counter_id`) REFERENCES `counters`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "devices_kind_check" CHECK("devices"."kind" in ('kiosk', 'surveyor'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `devices_device_uuid_unique` ON `devices` (`device_uuid`);--> statement-breakpoint
CREATE INDEX `devices_api_key_idx` ON `devices` (`api_key_id`);--> statement-breakpoint
CREATE INDEX `devices_user_idx` ON `devices` (`user_id`);--> statement-breakpoint
CREATE INDEX `devices_counter_idx` ON `devices` (`counter_id`);--> statement-breakpoint
CREATE TABLE `pairing_codes` (
	`code_hash` text PRIMARY KEY NOT NULL,
	`counter_id` integer NOT NULL,
	`created_by` integer,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`used_at` integer,
	`device_id` integer,
	FOREIGN KEY (`counter_id`) REFERENCES `counters`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`device_id`) REFERENCES `devices`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `pairing_codes_counter_idx` ON `pairing_codes` (`counter_id`);--> statement-breakpoint
CREATE TABLE `comment_follow_ups` (
	`response_id` integer PRIMARY KEY NOT NULL,
	`status` text DEFAULT 'moi' NOT NULL,
	`hidden_at` integer,
	`hidden_by` integer,
	`hidden_reason` text,
	`reply_text` text,
	`replied_by` integer,
	`replied_at` integer,
	`updated_at` integer NOT NULL,
	`updated_by` integer,
	FOREIGN KEY (`response_id`) REFERENCES `responses`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`hidden_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`replied_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`updated_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "comment_follow_ups_status_check" CHECK("comment_follow_ups"."status" in ('moi', 'dang_xu_ly', 'da_tra_loi'))
);
--> statement-breakpoint
CREATE INDEX `comment_follow_ups_status_idx` ON `comment_follow_ups` (`status`);--> statement-breakpoint
CREATE TABLE `comment_tags` (
	`response_id` integer NOT NULL,
	`tag` text NOT NULL,
	PRIMARY KEY(`response_id`, `tag`),
	FOREIGN KEY (`response_id`) REFERENCES `responses`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `comment_tags_tag_idx` ON `comment_tags` (`tag`);--> statement-breakpoint
CREATE TABLE `publications` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`survey_id` text NOT NULL,
	`period_kind` text NOT NULL,
	`from_day` text NOT NULL,
	`to_day` text NOT NULL,
	`snapshot` text NOT NULL,
	`method_version` text NOT NULL,
	`published_at` integer NOT NULL,
	`published_by` integer,
	`withdrawn_at` integer,
	`withdrawn_by` integer,
	FOREIGN KEY (`published_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`withdrawn_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `publications_survey_period_idx` ON `publications` (`survey_id`,`from_day`,`to_day`);--> statement-breakpoint
CREATE TABLE `report_drafts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`survey_id` text NOT NULL,
	`from_day` text NOT NULL,
	`to_day` text NOT NULL,
	`scope` text NOT NULL,
	`number` text DEFAULT '' NOT NULL,
	`recommendations` text DEFAULT '' NOT NULL,
	`recipients` text DEFAULT '' NOT NULL,
	`signer_title` text DEFAULT '' NOT NULL,
	`signer_name` text DEFAULT '' NOT NULL,
	`updated_at` integer NOT NULL,
	`updated_by` integer,
	FOREIGN KEY (`updated_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `report_drafts_unique` ON `report_drafts` (`survey_id`,`from_day`,`to_day`,`scope`);--> statement-breakpoint
ALTER TABLE `responses` ADD `api_key_id` integer REFERENCES api_keys(id);--> statement-breakpoint
ALTER TABLE `responses` ADD `officer_id` integer REFERENCES officers(id);--> statement-breakpoint
CREATE INDEX `responses_api_key_idx` ON `responses` (`api_key_id`);--> statement-breakpoint
CREATE INDEX `responses_officer_idx` ON `responses` (`officer_id`);