CREATE TABLE `national_sync` (
	`hub` text NOT NULL,
	`month` text NOT NULL,
	`content_hash` text NOT NULL,
	`synced_at` integer NOT NULL,
	PRIMARY KEY(`hub`, `month`)
);
