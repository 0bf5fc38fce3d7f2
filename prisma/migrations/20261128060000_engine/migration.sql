-- CreateTable
CREATE TABLE "incident" (
    "id" TEXT NOT NULL,
    "case_id" TEXT NOT NULL,
    "element_id" TEXT NOT NULL,
    "token_id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "message" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "raised_at" TIMESTAMPTZ(3) NOT NULL,
    "closed_at" TIMESTAMPTZ(3),
    "closed_by" TEXT,
    "resolution" TEXT,

    CONSTRAINT "incident_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "incident_status_raised_at_idx" ON "incident"("status", "raised_at");

-- CreateIndex
CREATE INDEX "incident_case_id_idx" ON "incident"("case_id");
