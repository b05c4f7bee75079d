ALTER TABLE `events` ADD `held_places` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `quotas` ADD `held_places` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `tracks` ADD `held_places` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX `registrations_waiting` ON `registrations` (`event_id`,`requested_at`) WHERE status = 'waitlisted' and offered_until is null;--> statement-breakpoint
CREATE INDEX `roles_account` ON `roles` (`account_id`);