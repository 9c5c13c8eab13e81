CREATE TABLE `pakn` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`source_id` text NOT NULL,
	`agency_id` integer NOT NULL,
	`received_day` text NOT NULL,
	`due_day` text NOT NULL,
	`handled_day` text,
	`dossier_hash` text,
	`unsatisfied` integer DEFAULT false NOT NULL,
	`response_id` integer,
	`created_by` integer,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`agency_id`) REFERENCES `agencies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`response_id`) REFERENCES `responses`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "pakn_days_check" CHECK("pakn"."received_day" glob '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]' and "pakn"."due_day" glob '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]')
);
--> statement-breakpoint
CREATE UNIQUE INDEX `pakn_source_id_unique` ON `pakn` (`source_id`);--> statement-breakpoint
CREATE INDEX `pakn_agency_received_idx` ON `pakn` (`agency_id`,`received_day`);--> statement-breakpoint
CREATE INDEX `pakn_received_idx` ON `pakn` (`received_day`);--> statement-breakpoint
CREATE INDEX `pakn_dossier_idx` ON `pakn` (`dossier_hash`);--> statement-breakpoint
CREATE INDEX `pakn_response_idx` ON `pakn` (`response_id`);--> statement-breakpoint
CREATE TABLE `qd766_publications` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`month` text NOT NULL,
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
CREATE INDEX `qd766_publications_month_idx` ON `qd766_publications` (`month`);--> statement-breakpoint
CREATE UNIQUE INDEX `qd766_publications_live_unique` ON `qd766_publications` (`month`) WHERE "qd766_publications"."withdrawn_at" is null;--> statement-breakpoint
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_dossiers` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`code_hash` text NOT NULL,
	`agency_id` integer NOT NULL,
	`field_id` integer,
	`procedure_id` integer,
	`returned_day` text,
	`imported_at` integer NOT NULL,
	`received_day` text,
	`due_day` text,
	`channel` text,
	FOREIGN KEY (`agency_id`) REFERENCES `agencies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`field_id`) REFERENCES `fields`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`procedure_id`) REFERENCES `procedures`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "dossiers_day_check" CHECK("__new_dossiers"."returned_day" glob '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
	CONSTRAINT "dossiers_channel_check" CHECK("__new_dossiers"."channel" in ('truc-tiep', 'truc-tuyen', 'buu-chinh'))
);
--> statement-breakpoint
INSERT INTO `__new_dossiers`("id", "code_hash", "agency_id", "field_id", "procedure_id", "returned_day", "imported_at") SELECT "id", "code_hash", "agency_id", "field_id", "procedure_id", "returned_day", "imported_at" FROM `dossiers`;--> statement-breakpoint
DROP TABLE `dossiers`;--> statement-breakpoint
ALTER TABLE `__new_dossiers` RENAME TO `dossiers`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE UNIQUE INDEX `dossiers_code_hash_unique` ON `dossiers` (`code_hash`);--> statement-breakpoint
CREATE INDEX `dossiers_agency_day_idx` ON `dossiers` (`agency_id`,`returned_day`);--> statement-breakpoint
CREATE INDEX `dossiers_field_idx` ON `dossiers` (`field_id`);--> statement-breakpoint
CREATE INDEX `dossiers_procedure_idx` ON `dossiers` (`procedure_id`);--> statement-breakpoint
CREATE INDEX `dossiers_returned_day_idx` ON `dossiers` (`returned_day`);