-- Hand-edited (docs/decisions/0028-pair-rollups.md): WITHOUT ROWID like every roll-up table (0001), and the pair
-- sets filled from the month cells already kept (0009), so that a database with responses reads the same figures
-- right after migrating, without a rebuild-rollups.
CREATE TABLE `rollup_month_pair_answers` (
	`survey_version_id` integer NOT NULL,
	`pair` text NOT NULL,
	`key_a` text NOT NULL,
	`key_b` text NOT NULL,
	`question` text NOT NULL,
	`code` integer NOT NULL,
	`month` text NOT NULL,
	`n` integer NOT NULL,
	PRIMARY KEY(`survey_version_id`, `pair`, `key_a`, `key_b`, `question`, `code`, `month`)
) WITHOUT ROWID;
--> statement-breakpoint
CREATE TABLE `rollup_month_pair_responses` (
	`survey_version_id` integer NOT NULL,
	`pair` text NOT NULL,
	`key_a` text NOT NULL,
	`key_b` text NOT NULL,
	`month` text NOT NULL,
	`n` integer NOT NULL,
	PRIMARY KEY(`survey_version_id`, `pair`, `key_a`, `key_b`, `month`)
) WITHOUT ROWID;

--> statement-breakpoint
INSERT INTO `rollup_month_pair_responses` (`survey_version_id`, `pair`, `key_a`, `key_b`, `month`, `n`)
SELECT `survey_version_id`, 'channel:agency', `channel`, cast(`agency_id` as text), `month`, sum(`n`) FROM `rollup_month_cell_responses` GROUP BY 1, 3, 4, 5;
--> statement-breakpoint
INSERT INTO `rollup_month_pair_answers` (`survey_version_id`, `pair`, `key_a`, `key_b`, `question`, `code`, `month`, `n`)
SELECT `survey_version_id`, 'channel:agency', `channel`, cast(`agency_id` as text), `question`, `code`, `month`, sum(`n`) FROM `rollup_month_cell_answers` GROUP BY 1, 3, 4, 5, 6, 7;
--> statement-breakpoint
INSERT INTO `rollup_month_pair_responses` (`survey_version_id`, `pair`, `key_a`, `key_b`, `month`, `n`)
SELECT `survey_version_id`, 'channel:field', `channel`, cast(`field_id` as text), `month`, sum(`n`) FROM `rollup_month_cell_responses` GROUP BY 1, 3, 4, 5;
--> statement-breakpoint
INSERT INTO `rollup_month_pair_answers` (`survey_version_id`, `pair`, `key_a`, `key_b`, `question`, `code`, `month`, `n`)
SELECT `survey_version_id`, 'channel:field', `channel`, cast(`field_id` as text), `question`, `code`, `month`, sum(`n`) FROM `rollup_month_cell_answers` GROUP BY 1, 3, 4, 5, 6, 7;
--> statement-breakpoint
INSERT INTO `rollup_month_pair_responses` (`survey_version_id`, `pair`, `key_a`, `key_b`, `month`, `n`)
SELECT `survey_version_id`, 'channel:counter', `channel`, cast(`counter_id` as text), `month`, sum(`n`) FROM `rollup_month_cell_responses` GROUP BY 1, 3, 4, 5;
--> statement-breakpoint
INSERT INTO `rollup_month_pair_answers` (`survey_version_id`, `pair`, `key_a`, `key_b`, `question`, `code`, `month`, `n`)
SELECT `survey_version_id`, 'channel:counter', `channel`, cast(`counter_id` as text), `question`, `code`, `month`, sum(`n`) FROM `rollup_month_cell_answers` GROUP BY 1, 3, 4, 5, 6, 7;
--> statement-breakpoint
INSERT INTO `rollup_month_pair_responses` (`survey_version_id`, `pair`, `key_a`, `key_b`, `month`, `n`)
SELECT `survey_version_id`, 'agency:field', cast(`agency_id` as text), cast(`field_id` as text), `month`, sum(`n`) FROM `rollup_month_cell_responses` GROUP BY 1, 3, 4, 5;
--> statement-breakpoint
INSERT INTO `rollup_month_pair_answers` (`survey_version_id`, `pair`, `key_a`, `key_b`, `question`, `code`, `month`, `n`)
SELECT `survey_version_id`, 'agency:field', cast(`agency_id` as text), cast(`field_id` as text), `question`, `code`, `month`, sum(`n`) FROM `rollup_month_cell_answers` GROUP BY 1, 3, 4, 5, 6, 7;
--> statement-breakpoint
INSERT INTO `rollup_month_pair_responses` (`survey_version_id`, `pair`, `key_a`, `key_b`, `month`, `n`)
SELECT `survey_version_id`, 'field:agency', cast(`field_id` as text), cast(`agency_id` as text), `month`, sum(`n`) FROM `rollup_month_cell_responses` GROUP BY 1, 3, 4, 5;
--> statement-breakpoint
INSERT INTO `rollup_month_pair_answers` (`survey_version_id`, `pair`, `key_a`, `key_b`, `question`, `code`, `month`, `n`)
SELECT `survey_version_id`, 'field:agency', cast(`field_id` as text), cast(`agency_id` as text), `question`, `code`, `month`, sum(`n`) FROM `rollup_month_cell_answers` GROUP BY 1, 3, 4, 5, 6, 7;
--> statement-breakpoint
INSERT INTO `rollup_month_pair_responses` (`survey_version_id`, `pair`, `key_a`, `key_b`, `month`, `n`)
SELECT `survey_version_id`, 'field:counter', cast(`field_id` as text), cast(`counter_id` as text), `month`, sum(`n`) FROM `rollup_month_cell_responses` GROUP BY 1, 3, 4, 5;
--> statement-breakpoint
INSERT INTO `rollup_month_pair_answers` (`survey_version_id`, `pair`, `key_a`, `key_b`, `question`, `code`, `month`, `n`)
SELECT `survey_version_id`, 'field:counter', cast(`field_id` as text), cast(`counter_id` as text), `question`, `code`, `month`, sum(`n`) FROM `rollup_month_cell_answers` GROUP BY 1, 3, 4, 5, 6, 7;
--> statement-breakpoint
INSERT INTO `rollup_month_pair_responses` (`survey_version_id`, `pair`, `key_a`, `key_b`, `month`, `n`)
SELECT `survey_version_id`, 'counter:agency', cast(`counter_id` as text), cast(`agency_id` as text), `month`, sum(`n`) FROM `rollup_month_cell_responses` GROUP BY 1, 3, 4, 5;
--> statement-breakpoint
INSERT INTO `rollup_month_pair_answers` (`survey_version_id`, `pair`, `key_a`, `key_b`, `question`, `code`, `month`, `n`)
SELECT `survey_version_id`, 'counter:agency', cast(`counter_id` as text), cast(`agency_id` as text), `question`, `code`, `month`, sum(`n`) FROM `rollup_month_cell_answers` GROUP BY 1, 3, 4, 5, 6, 7;
