CREATE TABLE `agencies` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`code` text NOT NULL,
	`name` text NOT NULL,
	`level` text NOT NULL,
	`sector_id` integer,
	`valid_from` text,
	`valid_to` text,
	`successor_id` integer,
	FOREIGN KEY (`sector_id`) REFERENCES `sectors`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`successor_id`) REFERENCES `agencies`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "agencies_level_check" CHECK("agencies"."level" in ('tinh', 'xa'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `agencies_code_unique` ON `agencies` (`code`);--> statement-breakpoint
CREATE INDEX `agencies_sector_idx` ON `agencies` (`sector_id`);--> statement-breakpoint
CREATE INDEX `agencies_successor_idx` ON `agencies` (`successor_id`);--> statement-breakpoint
CREATE TABLE `answers` (
	`response_id` integer NOT NULL,
	`question` text NOT NULL,
	`code` integer,
	`text` text,
	FOREIGN KEY (`response_id`) REFERENCES `responses`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "answers_value_check" CHECK(("answers"."code" is null) <> ("answers"."text" is null))
);
--> statement-breakpoint
CREATE INDEX `answers_response_idx` ON `answers` (`response_id`);--> statement-breakpoint
CREATE INDEX `answers_question_code_idx` ON `answers` (`question`,`code`);--> statement-breakpoint
CREATE TABLE `counter_fields` (
	`counter_id` integer NOT NULL,
	`field_id` integer NOT NULL,
	PRIMARY KEY(`counter_id`, `field_id`),
	FOREIGN KEY (`counter_id`) REFERENCES `counters`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`field_id`) REFERENCES `fields`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `counter_fields_field_idx` ON `counter_fields` (`field_id`);--> statement-breakpoint
CREATE TABLE `counters` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`code` text NOT NULL,
	`agency_id` integer NOT NULL,
	`name` text NOT NULL,
	`token` text NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	FOREIGN KEY (`agency_id`) REFERENCES `agencies`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `counters_code_unique` ON `counters` (`code`);--> statement-breakpoint
CREATE UNIQUE INDEX `counters_token_unique` ON `counters` (`token`);--> statement-breakpoint
CREATE INDEX `counters_agency_idx` ON `counters` (`agency_id`);--> statement-breakpoint
CREATE TABLE `fields` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`code` text NOT NULL,
	`name` text NOT NULL,
	`sector_id` integer,
	FOREIGN KEY (`sector_id`) REFERENCES `sectors`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `fields_code_unique` ON `fields` (`code`);--> statement-breakpoint
CREATE INDEX `fields_sector_idx` ON `fields` (`sector_id`);--> statement-breakpoint
CREATE TABLE `procedures` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`code` text NOT NULL,
	`name` text NOT NULL,
	`field_id` integer,
	FOREIGN KEY (`field_id`) REFERENCES `fields`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `procedures_code_unique` ON `procedures` (`code`);--> statement-breakpoint
CREATE INDEX `procedures_field_idx` ON `procedures` (`field_id`);--> statement-breakpoint
CREATE TABLE `response_conflicts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`uuid` text NOT NULL,
	`received_at` integer NOT NULL,
	`content_hash` text NOT NULL,
	`payload` text NOT NULL,
	`source` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `response_conflicts_uuid_idx` ON `response_conflicts` (`uuid`);--> statement-breakpoint
CREATE TABLE `responses` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`uuid` text NOT NULL,
	`survey_version_id` integer NOT NULL,
	`survey_id` text NOT NULL,
	`agency_id` integer NOT NULL,
	`field_id` integer,
	`procedure_id` integer,
	`counter_id` integer,
	`channel` text NOT NULL,
	`locale` text NOT NULL,
	`submitted_at` integer NOT NULL,
	`day_vn` text NOT NULL,
	`received_at` integer NOT NULL,
	`content_hash` text NOT NULL,
	`status` text DEFAULT 'accepted' NOT NULL,
	FOREIGN KEY (`survey_version_id`) REFERENCES `survey_versions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`agency_id`) REFERENCES `agencies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`field_id`) REFERENCES `fields`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`procedure_id`) REFERENCES `procedures`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`counter_id`) REFERENCES `counters`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "responses_channel_check" CHECK("responses"."channel" in ('qr', 'kiosk', 'surveyor', 'paper', 'phone', 'web')),
	CONSTRAINT "responses_day_check" CHECK("responses"."day_vn" glob '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]')
);
--> statement-breakpoint
CREATE UNIQUE INDEX `responses_uuid_unique` ON `responses` (`uuid`);--> statement-breakpoint
CREATE INDEX `responses_survey_day_idx` ON `responses` (`survey_id`,`day_vn`);--> statement-breakpoint
CREATE INDEX `responses_survey_version_idx` ON `responses` (`survey_version_id`);--> statement-breakpoint
CREATE INDEX `responses_agency_day_idx` ON `responses` (`agency_id`,`day_vn`);--> statement-breakpoint
CREATE INDEX `responses_field_idx` ON `responses` (`field_id`);--> statement-breakpoint
CREATE INDEX `responses_procedure_idx` ON `responses` (`procedure_id`);--> statement-breakpoint
CREATE INDEX `responses_counter_idx` ON `responses` (`counter_id`);--> statement-breakpoint
CREATE INDEX `responses_channel_idx` ON `responses` (`channel`);--> statement-breakpoint
CREATE TABLE `sectors` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`code` text NOT NULL,
	`name` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `sectors_code_unique` ON `sectors` (`code`);--> statement-breakpoint
CREATE TABLE `survey_versions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`survey_id` text NOT NULL,
	`version` integer NOT NULL,
	`content_hash` text NOT NULL,
	`method_version` text NOT NULL,
	`definition` text NOT NULL,
	`registered_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `survey_versions_survey_version_unique` ON `survey_versions` (`survey_id`,`version`);--> statement-breakpoint
CREATE TABLE `targets` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`field_id` integer,
	`agency_id` integer,
	`op` text NOT NULL,
	`pct` real NOT NULL,
	`valid_from` text DEFAULT '2000-01-01' NOT NULL,
	FOREIGN KEY (`field_id`) REFERENCES `fields`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`agency_id`) REFERENCES `agencies`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "targets_op_check" CHECK("targets"."op" in ('>', '>=')),
	CONSTRAINT "targets_pct_check" CHECK("targets"."pct" >= 0 and "targets"."pct" <= 100)
);
--> statement-breakpoint
CREATE INDEX `targets_field_idx` ON `targets` (`field_id`);--> statement-breakpoint
CREATE INDEX `targets_agency_idx` ON `targets` (`agency_id`);--> statement-breakpoint
-- Hand-edited: drizzle-kit 0.31 quotes expression indexes wrongly. NULL scopes must collide too.
CREATE UNIQUE INDEX `targets_scope_unique` ON `targets` (coalesce(`field_id`, 0),coalesce(`agency_id`, 0),`valid_from`);