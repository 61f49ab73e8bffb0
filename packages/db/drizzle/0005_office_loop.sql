CREATE TABLE `deadline_rules` (
	`id` integer PRIMARY KEY NOT NULL,
	`region_code` text DEFAULT '' NOT NULL,
	`kind` text NOT NULL,
	`month_day` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `deadline_rules_scope_idx` ON `deadline_rules` (`region_code`,`kind`);--> statement-breakpoint
CREATE TABLE `filings` (
	`agency_id` integer NOT NULL,
	`year` integer NOT NULL,
	`filed_on` text NOT NULL,
	`updated_at` text NOT NULL,
	PRIMARY KEY(`agency_id`, `year`),
	FOREIGN KEY (`agency_id`) REFERENCES `agencies`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `rectification_cases` (
	`id` integer PRIMARY KEY NOT NULL,
	`agency_id` integer NOT NULL,
	`year` integer NOT NULL,
	`report_id` integer NOT NULL,
	`issued_on` text NOT NULL,
	`due_on` text NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`agency_id`) REFERENCES `agencies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`report_id`) REFERENCES `reports`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `rectification_cases_scope_idx` ON `rectification_cases` (`agency_id`,`year`);--> statement-breakpoint
CREATE TABLE `rectification_items` (
	`id` integer PRIMARY KEY NOT NULL,
	`case_id` integer NOT NULL,
	`ordinal` integer NOT NULL,
	`fingerprint` text NOT NULL,
	`rule` text NOT NULL,
	`category` text NOT NULL,
	`message` text NOT NULL,
	`location` text NOT NULL,
	`points` real NOT NULL,
	`requirement` text NOT NULL,
	FOREIGN KEY (`case_id`) REFERENCES `rectification_cases`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `rectification_items_case_idx` ON `rectification_items` (`case_id`,`ordinal`);--> statement-breakpoint
CREATE TABLE `roster_units` (
	`agency_id` integer PRIMARY KEY NOT NULL,
	`kind_label` text,
	`parent_name` text,
	`from_year` integer,
	`withdrawn_from` integer,
	`exempt_from` integer,
	`url` text,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`agency_id`) REFERENCES `agencies`(`id`) ON UPDATE no action ON DELETE no action
);
