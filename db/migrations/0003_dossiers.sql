CREATE TABLE `dossiers` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`code_hash` text NOT NULL,
	`agency_id` integer NOT NULL,
	`field_id` integer,
	`procedure_id` integer,
	`returned_day` text NOT NULL,
	`imported_at` integer NOT NULL,
	FOREIGN KEY (`agency_id`) REFERENCES `agencies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`field_id`) REFERENCES `fields`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`procedure_id`) REFERENCES `procedures`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "dossiers_day_check" CHECK("dossiers"."returned_day" glob '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]')
);
--> statement-breakpoint
CREATE UNIQUE INDEX `dossiers_code_hash_unique` ON `dossiers` (`code_hash`);--> statement-breakpoint
CREATE INDEX `dossiers_agency_day_idx` ON `dossiers` (`agency_id`,`returned_day`);--> statement-breakpoint
CREATE INDEX `dossiers_field_idx` ON `dossiers` (`field_id`);--> statement-breakpoint
CREATE INDEX `dossiers_procedure_idx` ON `dossiers` (`procedure_id`);--> statement-breakpoint
CREATE INDEX `dossiers_returned_day_idx` ON `dossiers` (`returned_day`);--> statement-breakpoint
ALTER TABLE `responses` ADD `dossier_hash` text;--> statement-breakpoint
CREATE UNIQUE INDEX `responses_dossier_hash_unique` ON `responses` (`dossier_hash`);