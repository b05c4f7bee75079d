ALTER TABLE `events` ADD `invited_sector_keys` text DEFAULT '[]' NOT NULL;--> statement-breakpoint
ALTER TABLE `events` ADD `cancelled_at` integer;--> statement-breakpoint
ALTER TABLE `registrations` ADD `reason_code` text;