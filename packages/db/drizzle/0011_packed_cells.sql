-- A report's cells packed into one row (packed-cells.ts). The rows of `cells` are moved here and the
-- table dropped by the data step run after the migrations (migrate-cells.ts): SQL cannot pack them.
CREATE TABLE `report_cells` (
	`report_id` integer PRIMARY KEY NOT NULL,
	`data` blob NOT NULL,
	FOREIGN KEY (`report_id`) REFERENCES `reports`(`id`) ON UPDATE no action ON DELETE no action
);
