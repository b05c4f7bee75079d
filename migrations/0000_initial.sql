CREATE TABLE `accounts` (
	`id` text PRIMARY KEY NOT NULL,
	`email` text NOT NULL,
	`display_name` text DEFAULT '' NOT NULL,
	`locale` text DEFAULT 'de' NOT NULL,
	`created_at` integer NOT NULL,
	`last_sign_in_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `accounts_email_unique` ON `accounts` (`email`);--> statement-breakpoint
CREATE TABLE `attendances` (
	`id` text PRIMARY KEY NOT NULL,
	`session_id` text NOT NULL,
	`registration_id` text NOT NULL,
	`kind` text DEFAULT 'present' NOT NULL,
	`method` text,
	`at` integer NOT NULL,
	`recorded_by_account_id` text,
	`client_op_id` text,
	FOREIGN KEY (`session_id`) REFERENCES `event_sessions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`registration_id`) REFERENCES `registrations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`recorded_by_account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `attendances_once_per_session` ON `attendances` (`session_id`,`registration_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `attendances_client_op` ON `attendances` (`client_op_id`);--> statement-breakpoint
CREATE TABLE `audit_log` (
	`id` text PRIMARY KEY NOT NULL,
	`network_id` text,
	`at` integer NOT NULL,
	`actor_account_id` text,
	`action` text NOT NULL,
	`entity_type` text NOT NULL,
	`entity_id` text,
	`details` text,
	FOREIGN KEY (`network_id`) REFERENCES `networks`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`actor_account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `audit_log_network_at` ON `audit_log` (`network_id`,`at`);--> statement-breakpoint
CREATE TABLE `auth_sessions` (
	`id` text PRIMARY KEY NOT NULL,
	`token_hash` text NOT NULL,
	`account_id` text NOT NULL,
	`user_agent` text DEFAULT '' NOT NULL,
	`created_at` integer NOT NULL,
	`last_seen_at` integer,
	`expires_at` integer NOT NULL,
	`revoked_at` integer,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `auth_sessions_tokenHash_unique` ON `auth_sessions` (`token_hash`);--> statement-breakpoint
CREATE INDEX `auth_sessions_account` ON `auth_sessions` (`account_id`);--> statement-breakpoint
CREATE TABLE `contact_persons` (
	`id` text PRIMARY KEY NOT NULL,
	`institution_id` text NOT NULL,
	`name` text NOT NULL,
	`function` text DEFAULT '' NOT NULL,
	`email` text NOT NULL,
	`phone` text DEFAULT '' NOT NULL,
	`is_primary` integer DEFAULT false NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`institution_id`) REFERENCES `institutions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `contact_persons_institution` ON `contact_persons` (`institution_id`);--> statement-breakpoint
CREATE TABLE `event_sessions` (
	`id` text PRIMARY KEY NOT NULL,
	`event_id` text NOT NULL,
	`position` integer NOT NULL,
	`title` text DEFAULT '' NOT NULL,
	`topic` text DEFAULT '' NOT NULL,
	`starts_at` integer NOT NULL,
	`ends_at` integer NOT NULL,
	FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "event_sessions_order" CHECK("event_sessions"."starts_at" < "event_sessions"."ends_at")
);
--> statement-breakpoint
CREATE UNIQUE INDEX `event_sessions_position` ON `event_sessions` (`event_id`,`position`);--> statement-breakpoint
CREATE TABLE `events` (
	`id` text PRIMARY KEY NOT NULL,
	`network_id` text NOT NULL,
	`type` text NOT NULL,
	`title` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`venue_name` text DEFAULT '' NOT NULL,
	`venue_address` text DEFAULT '' NOT NULL,
	`venue_accessibility` text DEFAULT '' NOT NULL,
	`capacity` integer NOT NULL,
	`default_quota` integer DEFAULT 1 NOT NULL,
	`registration_opens_at` integer NOT NULL,
	`quota_deadline` integer NOT NULL,
	`registration_closes_at` integer NOT NULL,
	`redistributed_at` integer,
	`status` text DEFAULT 'draft' NOT NULL,
	`invitation_mode` text DEFAULT 'all' NOT NULL,
	`promotion_mode` text DEFAULT 'offer' NOT NULL,
	`offer_hours` integer DEFAULT 48 NOT NULL,
	`legal_basis` text DEFAULT '' NOT NULL,
	`retention_months` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer,
	FOREIGN KEY (`network_id`) REFERENCES `networks`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "events_capacity_positive" CHECK("events"."capacity" >= 0),
	CONSTRAINT "events_default_quota" CHECK("events"."default_quota" >= 0),
	CONSTRAINT "events_window_order" CHECK("events"."registration_opens_at" <= "events"."quota_deadline" and "events"."quota_deadline" <= "events"."registration_closes_at")
);
--> statement-breakpoint
CREATE INDEX `events_network_status` ON `events` (`network_id`,`status`);--> statement-breakpoint
CREATE TABLE `feedback_answers` (
	`response_id` text NOT NULL,
	`question_id` text NOT NULL,
	`value` text NOT NULL,
	FOREIGN KEY (`response_id`) REFERENCES `feedback_responses`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`question_id`) REFERENCES `feedback_questions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `feedback_answers_question` ON `feedback_answers` (`question_id`);--> statement-breakpoint
CREATE TABLE `feedback_forms` (
	`id` text PRIMARY KEY NOT NULL,
	`event_id` text NOT NULL,
	`session_id` text,
	`version` integer DEFAULT 1 NOT NULL,
	`title` text NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`min_responses` integer DEFAULT 5 NOT NULL,
	`frozen_at` integer,
	`closes_at` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`session_id`) REFERENCES `event_sessions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `feedback_forms_event` ON `feedback_forms` (`event_id`);--> statement-breakpoint
CREATE TABLE `feedback_questions` (
	`id` text PRIMARY KEY NOT NULL,
	`form_id` text NOT NULL,
	`position` integer NOT NULL,
	`kind` text NOT NULL,
	`prompt` text NOT NULL,
	`options` text,
	`required` integer DEFAULT false NOT NULL,
	FOREIGN KEY (`form_id`) REFERENCES `feedback_forms`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `feedback_questions_position` ON `feedback_questions` (`form_id`,`position`);--> statement-breakpoint
CREATE TABLE `feedback_responses` (
	`id` text PRIMARY KEY NOT NULL,
	`form_id` text NOT NULL,
	FOREIGN KEY (`form_id`) REFERENCES `feedback_forms`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `feedback_responses_form` ON `feedback_responses` (`form_id`);--> statement-breakpoint
CREATE TABLE `feedback_submissions` (
	`form_id` text NOT NULL,
	`registration_id` text NOT NULL,
	PRIMARY KEY(`form_id`, `registration_id`),
	FOREIGN KEY (`form_id`) REFERENCES `feedback_forms`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`registration_id`) REFERENCES `registrations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `institutions` (
	`id` text PRIMARY KEY NOT NULL,
	`network_id` text NOT NULL,
	`name` text NOT NULL,
	`sector_key` text NOT NULL,
	`municipality_id` text NOT NULL,
	`street` text DEFAULT '' NOT NULL,
	`postal_code` text DEFAULT '' NOT NULL,
	`city` text DEFAULT '' NOT NULL,
	`email` text DEFAULT '' NOT NULL,
	`phone` text DEFAULT '' NOT NULL,
	`website` text DEFAULT '' NOT NULL,
	`reachability` text DEFAULT '' NOT NULL,
	`offers` text DEFAULT '' NOT NULL,
	`target_groups` text DEFAULT '' NOT NULL,
	`leitbild_signed_at` integer,
	`leitbild_signed_by` text,
	`archived_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer,
	FOREIGN KEY (`network_id`) REFERENCES `networks`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`sector_key`) REFERENCES `sectors`(`key`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`municipality_id`) REFERENCES `municipalities`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `institutions_network_sector` ON `institutions` (`network_id`,`sector_key`);--> statement-breakpoint
CREATE UNIQUE INDEX `institutions_network_name_unique` ON `institutions` (`network_id`,`name`);--> statement-breakpoint
CREATE TABLE `municipalities` (
	`id` text PRIMARY KEY NOT NULL,
	`network_id` text NOT NULL,
	`name` text NOT NULL,
	`role` text DEFAULT 'partner' NOT NULL,
	FOREIGN KEY (`network_id`) REFERENCES `networks`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `municipalities_network_name` ON `municipalities` (`network_id`,`name`);--> statement-breakpoint
CREATE TABLE `networks` (
	`id` text PRIMARY KEY NOT NULL,
	`slug` text NOT NULL,
	`name` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`state` text DEFAULT '' NOT NULL,
	`privacy_notice` text DEFAULT '' NOT NULL,
	`retention_months` integer DEFAULT 12 NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `networks_slug_unique` ON `networks` (`slug`);--> statement-breakpoint
CREATE TABLE `outbox` (
	`id` text PRIMARY KEY NOT NULL,
	`network_id` text,
	`to_email` text NOT NULL,
	`template` text NOT NULL,
	`locale` text DEFAULT 'de' NOT NULL,
	`subject` text NOT NULL,
	`body_text` text NOT NULL,
	`body_html` text NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` integer NOT NULL,
	`last_error` text,
	`created_at` integer NOT NULL,
	`sent_at` integer,
	FOREIGN KEY (`network_id`) REFERENCES `networks`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `outbox_due` ON `outbox` (`status`,`next_attempt_at`);--> statement-breakpoint
CREATE TABLE `quotas` (
	`event_id` text NOT NULL,
	`institution_id` text NOT NULL,
	`places` integer,
	PRIMARY KEY(`event_id`, `institution_id`),
	FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`institution_id`) REFERENCES `institutions`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "quotas_places_positive" CHECK("quotas"."places" is null or "quotas"."places" >= 0)
);
--> statement-breakpoint
CREATE INDEX `quotas_institution` ON `quotas` (`institution_id`);--> statement-breakpoint
CREATE TABLE `registration_history` (
	`id` text PRIMARY KEY NOT NULL,
	`registration_id` text NOT NULL,
	`at` integer NOT NULL,
	`action` text NOT NULL,
	`actor_account_id` text,
	`reason_code` text,
	`reason_params` text,
	FOREIGN KEY (`registration_id`) REFERENCES `registrations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`actor_account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `registration_history_registration` ON `registration_history` (`registration_id`,`at`);--> statement-breakpoint
CREATE TABLE `registrations` (
	`id` text PRIMARY KEY NOT NULL,
	`event_id` text NOT NULL,
	`track_id` text,
	`institution_id` text NOT NULL,
	`email` text NOT NULL,
	`name` text NOT NULL,
	`function` text DEFAULT '' NOT NULL,
	`accessibility_needs` text DEFAULT '' NOT NULL,
	`status` text NOT NULL,
	`is_override` integer DEFAULT false NOT NULL,
	`is_walk_in` integer DEFAULT false NOT NULL,
	`offered_until` integer,
	`requested_at` integer NOT NULL,
	`confirmed_at` integer,
	`cancelled_at` integer,
	`idempotency_key` text,
	`personal_token_hash` text,
	`privacy_acknowledged_at` integer,
	`created_by_account_id` text,
	`anonymised_at` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`track_id`) REFERENCES `tracks`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`institution_id`) REFERENCES `institutions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by_account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `registrations_personalTokenHash_unique` ON `registrations` (`personal_token_hash`);--> statement-breakpoint
CREATE UNIQUE INDEX `registrations_one_live_per_person` ON `registrations` (`event_id`,`email`) WHERE "registrations"."status" <> 'cancelled' and "registrations"."anonymised_at" is null;--> statement-breakpoint
CREATE UNIQUE INDEX `registrations_idempotency` ON `registrations` (`event_id`,`idempotency_key`);--> statement-breakpoint
CREATE INDEX `registrations_event_status` ON `registrations` (`event_id`,`status`);--> statement-breakpoint
CREATE INDEX `registrations_event_institution` ON `registrations` (`event_id`,`institution_id`,`status`);--> statement-breakpoint
CREATE INDEX `registrations_track_status` ON `registrations` (`track_id`,`status`);--> statement-breakpoint
CREATE TABLE `roles` (
	`id` text PRIMARY KEY NOT NULL,
	`account_id` text NOT NULL,
	`network_id` text NOT NULL,
	`role` text NOT NULL,
	`institution_id` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`network_id`) REFERENCES `networks`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`institution_id`) REFERENCES `institutions`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "roles_contact_has_institution" CHECK(("roles"."role" = 'institution_contact') = ("roles"."institution_id" is not null))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `roles_organiser_unique` ON `roles` (`account_id`,`network_id`,`role`) WHERE "roles"."institution_id" is null;--> statement-breakpoint
CREATE UNIQUE INDEX `roles_contact_unique` ON `roles` (`account_id`,`institution_id`) WHERE "roles"."institution_id" is not null;--> statement-breakpoint
CREATE INDEX `roles_institution` ON `roles` (`institution_id`);--> statement-breakpoint
CREATE TABLE `sectors` (
	`key` text PRIMARY KEY NOT NULL,
	`name_de` text NOT NULL,
	`name_en` text NOT NULL,
	`sort_order` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE `sign_in_tokens` (
	`token_hash` text PRIMARY KEY NOT NULL,
	`account_id` text NOT NULL,
	`expires_at` integer NOT NULL,
	`used_at` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `sign_in_tokens_account` ON `sign_in_tokens` (`account_id`);--> statement-breakpoint
CREATE TABLE `tracks` (
	`id` text PRIMARY KEY NOT NULL,
	`event_id` text NOT NULL,
	`session_id` text,
	`title` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`capacity` integer NOT NULL,
	FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`session_id`) REFERENCES `event_sessions`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "tracks_capacity_positive" CHECK("tracks"."capacity" >= 0)
);
--> statement-breakpoint
CREATE INDEX `tracks_event` ON `tracks` (`event_id`);