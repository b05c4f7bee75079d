CREATE TABLE `message_skips` (
	`message_id` text NOT NULL,
	`recipient_key` text NOT NULL,
	PRIMARY KEY(`message_id`, `recipient_key`),
	FOREIGN KEY (`message_id`) REFERENCES `messages`(`id`) ON UPDATE no action ON DELETE no action
);
