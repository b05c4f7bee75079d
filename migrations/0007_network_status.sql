ALTER TABLE `networks` ADD `status` text DEFAULT 'active' NOT NULL;--> statement-breakpoint
ALTER TABLE `networks` ADD `suspended_at` integer;