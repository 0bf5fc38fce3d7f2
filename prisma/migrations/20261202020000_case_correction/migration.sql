-- 补正告知 (一次性告知): the materials the window asked the applicant to correct or hand in, all at once.
CREATE TABLE "case_correction" (
    "id" TEXT NOT NULL,
    "case_id" TEXT NOT NULL,
    "items" JSONB NOT NULL,
    "note" TEXT,
    "requested_by" TEXT NOT NULL,
    "requested_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "case_correction_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "case_correction_case_id_idx" ON "case_correction"("case_id");
