CREATE TABLE `agencies` (
	`id` integer PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`region_code` text,
	`level` text,
	`kind` text NOT NULL,
	`merged_into` integer,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `agencies_region_idx` ON `agencies` (`region_code`);--> statement-breakpoint
CREATE INDEX `agencies_merged_idx` ON `agencies` (`merged_into`);--> statement-breakpoint
CREATE TABLE `agency_aliases` (
	`alias` text PRIMARY KEY NOT NULL,
	`agency_id` integer NOT NULL,
	FOREIGN KEY (`agency_id`) REFERENCES `agencies`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `agency_aliases_agency_idx` ON `agency_aliases` (`agency_id`);--> statement-breakpoint
CREATE TABLE `cell_keys` (
	`id` integer PRIMARY KEY NOT NULL,
	`key` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `cell_keys_key_unique` ON `cell_keys` (`key`);--> statement-breakpoint
CREATE TABLE `cells` (
	`report_id` integer NOT NULL,
	`key_id` integer NOT NULL,
	`state` text NOT NULL,
	`value` real,
	`raw` text NOT NULL,
	`span_start` integer,
	`span_end` integer,
	`unit` text,
	`note` text,
	PRIMARY KEY(`report_id`, `key_id`),
	FOREIGN KEY (`report_id`) REFERENCES `reports`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`key_id`) REFERENCES `cell_keys`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `cells_key_idx` ON `cells` (`key_id`,`state`);--> statement-breakpoint
CREATE TABLE `findings` (
	`id` integer PRIMARY KEY NOT NULL,
	`report_id` integer NOT NULL,
	`ordinal` integer NOT NULL,
	`rule` text NOT NULL,
	`severity` text NOT NULL,
	`category` text NOT NULL,
	`cells` text NOT NULL,
	`message` text NOT NULL,
	`span_start` integer,
	`span_end` integer,
	`fingerprint` text,
	FOREIGN KEY (`report_id`) REFERENCES `reports`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `findings_report_idx` ON `findings` (`report_id`,`ordinal`);--> statement-breakpoint
CREATE INDEX `findings_rule_idx` ON `findings` (`rule`,`report_id`);--> statement-breakpoint
CREATE TABLE `regions` (
	`code` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`parent_code` text,
	`level` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `report_bands` (
	`report_id` integer NOT NULL,
	`year` integer NOT NULL,
	`key` text NOT NULL,
	PRIMARY KEY(`report_id`, `key`),
	FOREIGN KEY (`report_id`) REFERENCES `reports`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `report_bands_lookup_idx` ON `report_bands` (`year`,`key`);--> statement-breakpoint
CREATE TABLE `report_rules` (
	`report_id` integer NOT NULL,
	`rule` text NOT NULL,
	`count` integer NOT NULL,
	PRIMARY KEY(`report_id`, `rule`),
	FOREIGN KEY (`report_id`) REFERENCES `reports`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `report_rules_rule_idx` ON `report_rules` (`rule`,`report_id`);--> statement-breakpoint
CREATE TABLE `reports` (
	`id` integer PRIMARY KEY NOT NULL,
	`agency_id` integer NOT NULL,
	`year` integer NOT NULL,
	`version` integer NOT NULL,
	`current` integer NOT NULL,
	`sha256` text NOT NULL,
	`file_name` text NOT NULL,
	`ingested_at` text NOT NULL,
	`template` text NOT NULL,
	`published_on` text,
	`agency_name` text NOT NULL,
	`agency_source` text,
	`region_code` text,
	`region_name` text,
	`agency_kind` text,
	`sections` text NOT NULL,
	`score` real,
	`grade` text,
	`score_completeness` real,
	`score_accuracy` real,
	`score_conformity` real,
	`score_timeliness` real,
	`rubric_version` text,
	`deductions` text,
	`errors` integer DEFAULT 0 NOT NULL,
	`warnings` integer DEFAULT 0 NOT NULL,
	`infos` integer DEFAULT 0 NOT NULL,
	`late` integer DEFAULT false NOT NULL,
	`signature` blob,
	`signature_size` integer,
	FOREIGN KEY (`agency_id`) REFERENCES `agencies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`sha256`) REFERENCES `sources`(`sha256`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `reports_sha256_idx` ON `reports` (`sha256`);--> statement-breakpoint
CREATE UNIQUE INDEX `reports_agency_year_version_idx` ON `reports` (`agency_id`,`year`,`version`);--> statement-breakpoint
CREATE INDEX `reports_ranking_idx` ON `reports` (`current`,`year`,`score`);--> statement-breakpoint
CREATE INDEX `reports_agency_idx` ON `reports` (`agency_id`,`year`,`current`);--> statement-breakpoint
CREATE TABLE `settings` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL,
	`updated_at` text DEFAULT CURRENT_TIMESTAMP NOT NULL
);
--> statement-breakpoint
CREATE TABLE `sources` (
	`sha256` text PRIMARY KEY NOT NULL,
	`file_name` text NOT NULL,
	`size` integer NOT NULL,
	`bytes` blob NOT NULL,
	`text` text NOT NULL
);
