CREATE TABLE `review_decisions` (
	`id` integer PRIMARY KEY NOT NULL,
	`agency_id` integer NOT NULL,
	`year` integer NOT NULL,
	`fingerprint` text NOT NULL,
	`decision` text NOT NULL,
	`reason` text NOT NULL,
	`report_id` integer NOT NULL,
	`user_id` integer,
	`user_name` text NOT NULL,
	`decided_at` text NOT NULL,
	FOREIGN KEY (`agency_id`) REFERENCES `agencies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`report_id`) REFERENCES `reports`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `review_decisions_scope_idx` ON `review_decisions` (`agency_id`,`year`,`fingerprint`);--> statement-breakpoint
ALTER TABLE `agencies` ADD `demo` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `reports` ADD `demo` integer DEFAULT false NOT NULL;