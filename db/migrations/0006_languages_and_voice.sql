CREATE TABLE `languages` (
	`code` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`enabled` integer DEFAULT false NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `recordings` (
	`language_code` text NOT NULL,
	`key` text NOT NULL,
	`sha256` text NOT NULL,
	`mime` text NOT NULL,
	`bytes` integer NOT NULL,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`language_code`, `key`)
);
--> statement-breakpoint
CREATE INDEX `recordings_sha256_idx` ON `recordings` (`sha256`);--> statement-breakpoint
CREATE TABLE `translations` (
	`language_code` text NOT NULL,
	`key` text NOT NULL,
	`source` text NOT NULL,
	`text` text NOT NULL,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`language_code`, `key`),
	FOREIGN KEY (`language_code`) REFERENCES `languages`(`code`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
ALTER TABLE `responses` ADD `interpreter` integer;