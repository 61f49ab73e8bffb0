-- A report's cells packed into one row (packed-cells.ts), and its band keys as integers in one b-tree
-- ordered as peers are looked up (band-keys.ts). The rows of `cells` and of the former band table
-- (kept as `report_bands_text`) are moved and those tables dropped by the data step run after the
-- migrations (migrate-cells.ts): SQL cannot pack them.
CREATE TABLE `report_cells` (
	`report_id` integer PRIMARY KEY NOT NULL,
	`data` blob NOT NULL,
	FOREIGN KEY (`report_id`) REFERENCES `reports`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
DROP INDEX `report_bands_lookup_idx`;--> statement-breakpoint
ALTER TABLE `report_bands` RENAME TO `report_bands_text`;--> statement-breakpoint
CREATE TABLE `report_bands` (
	`year` integer NOT NULL,
	`band` integer NOT NULL,
	`report_id` integer NOT NULL,
	PRIMARY KEY(`year`, `band`, `report_id`),
	FOREIGN KEY (`report_id`) REFERENCES `reports`(`id`) ON UPDATE no action ON DELETE no action
) WITHOUT ROWID;
