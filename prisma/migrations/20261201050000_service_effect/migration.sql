-- CreateTable
CREATE TABLE "service_effect" (
    "key" TEXT NOT NULL,
    "case_id" TEXT NOT NULL,
    "element_id" TEXT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "service_effect_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE INDEX "service_effect_case_id_idx" ON "service_effect"("case_id");
