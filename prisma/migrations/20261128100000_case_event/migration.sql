-- AlterTable
ALTER TABLE "case" ADD COLUMN     "event_case_id" TEXT;

-- CreateIndex
CREATE INDEX "case_event_case_id_idx" ON "case"("event_case_id");

-- Item cases started before this column existed carry the link in their variables.
UPDATE "case" SET "event_case_id" = "variables"->>'eventCaseId' WHERE "variables" ? 'eventCaseId';
