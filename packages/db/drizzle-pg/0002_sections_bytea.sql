-- reports.sections is now written deflated (sections-codec.ts). Existing rows become their JSON's UTF-8
-- bytes, whose first byte '{' the codec reads as plain JSON.
ALTER TABLE "reports" ALTER COLUMN "sections" SET DATA TYPE bytea USING convert_to("sections", 'UTF8');
