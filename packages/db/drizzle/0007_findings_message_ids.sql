ALTER TABLE `findings` ADD `message_id` text;--> statement-breakpoint
ALTER TABLE `findings` ADD `data` text;