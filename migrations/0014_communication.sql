CREATE TABLE `messages` (
	`id` text PRIMARY KEY NOT NULL,
	`network_id` text NOT NULL,
	`event_id` text NOT NULL,
	`kind` text DEFAULT 'message' NOT NULL,
	`dedupe_key` text,
	`audience` text NOT NULL,
	`subject` text DEFAULT '' NOT NULL,
	`body` text DEFAULT '' NOT NULL,
	`author_account_id` text,
	`institution_id` text,
	`recipients` text DEFAULT '[]' NOT NULL,
	`params` text DEFAULT '{}' NOT NULL,
	`recipient_count` integer DEFAULT 0 NOT NULL,
	`undeliverable` integer DEFAULT 0 NOT NULL,
	`queued_at` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`network_id`) REFERENCES `networks`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`author_account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`institution_id`) REFERENCES `institutions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `messages_event` ON `messages` (`event_id`,`created_at`);--> statement-breakpoint
CREATE UNIQUE INDEX `messages_dedupe` ON `messages` (`event_id`,`dedupe_key`);--> statement-breakpoint
ALTER TABLE `events` ADD `session_reminder_days` integer DEFAULT 2;--> statement-breakpoint
ALTER TABLE `events` ADD `quota_reminder_days` text DEFAULT '[7,1]' NOT NULL;--> statement-breakpoint
ALTER TABLE `events` ADD `deadline_summary` integer DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE `outbox` ADD `message_id` text REFERENCES messages(id);--> statement-breakpoint
ALTER TABLE `outbox` ADD `dedupe_key` text;--> statement-breakpoint
CREATE INDEX `outbox_message` ON `outbox` (`message_id`,`status`);--> statement-breakpoint
CREATE UNIQUE INDEX `outbox_dedupe` ON `outbox` (`dedupe_key`);--> statement-breakpoint
ALTER TABLE `registrations` ADD `locale` text DEFAULT 'de' NOT NULL;--> statement-breakpoint
ALTER TABLE `registrations` ADD `reminders_off` integer DEFAULT false NOT NULL;