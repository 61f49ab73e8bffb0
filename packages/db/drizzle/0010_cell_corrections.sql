CREATE TABLE `cell_corrections` (
	`report_id` integer NOT NULL,
	`cell` text NOT NULL,
	`value` real,
	`reason` text NOT NULL,
	`user_id` integer,
	`user_name` text NOT NULL,
	`corrected_at` text NOT NULL,
	PRIMARY KEY(`report_id`, `cell`),
	FOREIGN KEY (`report_id`) REFERENCES `reports`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
ALTER TABLE `reports` ADD `reading` text;