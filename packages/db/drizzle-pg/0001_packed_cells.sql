-- A report's cells packed into one row (packed-cells.ts), and its band keys as integers in one b-tree
-- ordered as peers are looked up (band-keys.ts). The rows of "cells" and of the former band table
-- (kept as "report_bands_text") are moved and those tables dropped by the data step run after the
-- migrations (migrate-cells.ts): SQL cannot pack them.
CREATE TABLE "report_cells" (
	"report_id" integer PRIMARY KEY NOT NULL,
	"data" "bytea" NOT NULL
);
--> statement-breakpoint
DROP INDEX "report_bands_lookup_idx";--> statement-breakpoint
ALTER TABLE "report_bands" RENAME TO "report_bands_text";--> statement-breakpoint
ALTER TABLE "report_bands_text" RENAME CONSTRAINT "report_bands_report_id_key_pk" TO "report_bands_text_pk";--> statement-breakpoint
ALTER TABLE "report_bands_text" DROP CONSTRAINT "report_bands_report_id_reports_id_fk";--> statement-breakpoint
CREATE TABLE "report_bands" (
	"year" integer NOT NULL,
	"band" bigint NOT NULL,
	"report_id" integer NOT NULL,
	CONSTRAINT "report_bands_year_band_report_id_pk" PRIMARY KEY("year","band","report_id")
);
--> statement-breakpoint
ALTER TABLE "report_bands" ADD CONSTRAINT "report_bands_report_id_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."reports"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_cells" ADD CONSTRAINT "report_cells_report_id_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."reports"("id") ON DELETE no action ON UPDATE no action;
