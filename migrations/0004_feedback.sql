-- The draft feedback tables of 0000 never held data: they are replaced as a whole.
-- Responses are kept as counts per value and as loose free-text rows; nothing
-- links them to a person, a registration or a time (see README, "Feedback and anonymity").
DROP TABLE `feedback_answers`;--> statement-breakpoint
DROP TABLE `feedback_responses`;--> statement-breakpoint
DROP TABLE `feedback_submissions`;--> statement-breakpoint
DROP TABLE `feedback_questions`;--> statement-breakpoint
DROP TABLE `feedback_forms`;--> statement-breakpoint
CREATE TABLE `feedback_forms` (
	`id` text PRIMARY KEY NOT NULL,
	`event_id` text NOT NULL,
	`session_id` text,
	`version` integer DEFAULT 1 NOT NULL,
	`previous_form_id` text,
	`title` text NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`min_responses` integer DEFAULT 5 NOT NULL,
	`frozen` integer DEFAULT false NOT NULL,
	`revision` integer DEFAULT 0 NOT NULL,
	`mail_nonce` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`session_id`) REFERENCES `event_sessions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`previous_form_id`) REFERENCES `feedback_forms`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "feedback_forms_min_responses" CHECK("feedback_forms"."min_responses" >= 3)
);
--> statement-breakpoint
CREATE INDEX `feedback_forms_event` ON `feedback_forms` (`event_id`);--> statement-breakpoint
CREATE TABLE `feedback_questions` (
	`id` text PRIMARY KEY NOT NULL,
	`form_id` text NOT NULL,
	`position` integer NOT NULL,
	`kind` text NOT NULL,
	`prompt` text NOT NULL,
	`options` text DEFAULT '[]' NOT NULL,
	`required` integer DEFAULT false NOT NULL,
	FOREIGN KEY (`form_id`) REFERENCES `feedback_forms`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `feedback_questions_position` ON `feedback_questions` (`form_id`,`position`);--> statement-breakpoint
CREATE TABLE `feedback_submissions` (
	`form_id` text NOT NULL,
	`registration_id` text NOT NULL,
	`nonce` text NOT NULL,
	PRIMARY KEY(`form_id`, `registration_id`),
	FOREIGN KEY (`form_id`) REFERENCES `feedback_forms`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`registration_id`) REFERENCES `registrations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `feedback_answer_counts` (
	`form_id` text NOT NULL,
	`question_id` text NOT NULL,
	`value` text NOT NULL,
	`count` integer NOT NULL,
	PRIMARY KEY(`question_id`, `value`),
	FOREIGN KEY (`form_id`) REFERENCES `feedback_forms`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`question_id`) REFERENCES `feedback_questions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `feedback_answer_counts_form` ON `feedback_answer_counts` (`form_id`);--> statement-breakpoint
CREATE TABLE `feedback_text_answers` (
	`id` text PRIMARY KEY NOT NULL,
	`form_id` text NOT NULL,
	`question_id` text NOT NULL,
	`body` text NOT NULL,
	FOREIGN KEY (`form_id`) REFERENCES `feedback_forms`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`question_id`) REFERENCES `feedback_questions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `feedback_text_answers_question` ON `feedback_text_answers` (`question_id`);--> statement-breakpoint
CREATE TABLE `feedback_invitations` (
	`token_hash` text PRIMARY KEY NOT NULL,
	`form_id` text NOT NULL,
	`registration_id` text NOT NULL,
	FOREIGN KEY (`form_id`) REFERENCES `feedback_forms`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`registration_id`) REFERENCES `registrations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `feedback_invitations_once` ON `feedback_invitations` (`form_id`,`registration_id`);
