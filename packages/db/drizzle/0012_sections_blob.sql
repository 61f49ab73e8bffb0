-- reports.sections is now written deflated, as a blob (sections-codec.ts). SQLite types each value,
-- not the column, so the table is not rebuilt and existing rows keep their JSON text, which the codec
-- still reads; this migration only records the declared type for drizzle-kit's next diff.
SELECT 1;
