-- Hand-edited (docs/decisions/0024-filtered-rollups.md): WITHOUT ROWID like every roll-up table (0001), and the
-- new month cells filled from the day cells already kept, so that a database with responses reads the same
-- figures right after migrating, without a rebuild-rollups.
CREATE TABLE `rollup_month_cell_answers` (
	`survey_version_id` integer NOT NULL,
	`month` text NOT NULL,
	`channel` text NOT NULL,
	`agency_id` integer NOT NULL,
	`field_id` integer NOT NULL,
	`counter_id` integer NOT NULL,
	`question` text NOT NULL,
	`code` integer NOT NULL,
	`n` integer NOT NULL,
	PRIMARY KEY(`survey_version_id`, `month`, `channel`, `agency_id`, `field_id`, `counter_id`, `question`, `code`)
) WITHOUT ROWID;
--> statement-breakpoint
CREATE TABLE `rollup_month_cell_responses` (
	`survey_version_id` integer NOT NULL,
	`month` text NOT NULL,
	`channel` text NOT NULL,
	`agency_id` integer NOT NULL,
	`field_id` integer NOT NULL,
	`counter_id` integer NOT NULL,
	`n` integer NOT NULL,
	PRIMARY KEY(`survey_version_id`, `month`, `channel`, `agency_id`, `field_id`, `counter_id`)
) WITHOUT ROWID;

--> statement-breakpoint
INSERT INTO `rollup_month_cell_responses` (`survey_version_id`, `month`, `channel`, `agency_id`, `field_id`, `counter_id`, `n`)
SELECT `survey_version_id`, substr(`day_vn`, 1, 7), `channel`, `agency_id`, `field_id`, `counter_id`, sum(`n`) FROM `rollup_responses` GROUP BY 1, 2, 3, 4, 5, 6;
--> statement-breakpoint
INSERT INTO `rollup_month_cell_answers` (`survey_version_id`, `month`, `channel`, `agency_id`, `field_id`, `counter_id`, `question`, `code`, `n`)
SELECT `survey_version_id`, substr(`day_vn`, 1, 7), `channel`, `agency_id`, `field_id`, `counter_id`, `question`, `code`, sum(`n`) FROM `rollup_answers` GROUP BY 1, 2, 3, 4, 5, 6, 7, 8;
