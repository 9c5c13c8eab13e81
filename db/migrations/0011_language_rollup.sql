-- Hand-edited (docs/decisions/0028-pair-rollups.md): WITHOUT ROWID like every roll-up table (0001), and filled from
-- the stored responses, so that a database with responses shows the same language breakdown right after migrating.
-- The index question of a survey whose index is one question is read from its stored definition (method.question),
-- once per version (MATERIALIZED): evaluated per answer row, parsing the definition took minutes at 1 000 000 responses.
CREATE TABLE `rollup_language` (
	`survey_version_id` integer NOT NULL,
	`day_vn` text NOT NULL,
	`agency_id` integer NOT NULL,
	`channel` text NOT NULL,
	`locale` text NOT NULL,
	`question` text NOT NULL,
	`code` integer NOT NULL,
	`n` integer NOT NULL,
	PRIMARY KEY(`survey_version_id`, `day_vn`, `agency_id`, `channel`, `locale`, `question`, `code`)
) WITHOUT ROWID;
--> statement-breakpoint
INSERT INTO `rollup_language` (`survey_version_id`, `day_vn`, `agency_id`, `channel`, `locale`, `question`, `code`, `n`)
SELECT `survey_version_id`, `day_vn`, `agency_id`, `channel`, `locale`, '', 0, count(*) FROM `responses` WHERE `status` = 'accepted' GROUP BY 1, 2, 3, 4, 5;
--> statement-breakpoint
INSERT INTO `rollup_language` (`survey_version_id`, `day_vn`, `agency_id`, `channel`, `locale`, `question`, `code`, `n`)
WITH `indexed` AS MATERIALIZED (
  SELECT `id`, json_extract(`definition`, '$.method.question') AS `question` FROM `survey_versions`
   WHERE json_extract(`definition`, '$.method.index') = 'question'
)
SELECT r.`survey_version_id`, r.`day_vn`, r.`agency_id`, r.`channel`, r.`locale`, a.`question`, a.`code`, count(*)
  FROM `indexed` v
  JOIN `responses` r ON r.`survey_version_id` = v.`id`
  JOIN `answers` a ON a.`response_id` = r.`id` AND a.`question` = v.`question`
 WHERE r.`status` = 'accepted' AND a.`code` IS NOT NULL
 GROUP BY 1, 2, 3, 4, 5, 6, 7;
