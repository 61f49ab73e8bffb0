-- A report's cells packed into one row (packed-cells.ts). The rows of "cells" are moved here and the
-- table dropped by the data step run after the migrations (migrate-cells.ts): SQL cannot pack them.
CREATE TABLE "report_cells" (
	"report_id" integer PRIMARY KEY NOT NULL,
	"data" "bytea" NOT NULL
);
--> statement-breakpoint
ALTER TABLE "report_cells" ADD CONSTRAINT "report_cells_report_id_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."reports"("id") ON DELETE no action ON UPDATE no action;
