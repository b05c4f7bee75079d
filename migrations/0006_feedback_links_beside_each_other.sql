DROP INDEX `feedback_invitations_once`;--> statement-breakpoint
CREATE INDEX `feedback_invitations_person` ON `feedback_invitations` (`form_id`,`registration_id`);