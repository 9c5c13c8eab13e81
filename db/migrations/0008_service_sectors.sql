ALTER TABLE `agencies` ADD `service_sector` text;--> statement-breakpoint
ALTER TABLE `users` ADD `service_sector` text;