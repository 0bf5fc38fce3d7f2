-- CreateTable
CREATE TABLE "case_document" (
    "id" TEXT NOT NULL,
    "case_id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "number" TEXT NOT NULL,
    "verify_code" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "basis" TEXT NOT NULL,
    "sha256" TEXT NOT NULL,
    "content" BYTEA NOT NULL,
    "signer" TEXT NOT NULL,
    "issued_by" TEXT NOT NULL,
    "issued_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "case_document_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "case_lookup" (
    "case_id" TEXT NOT NULL,
    "query_code" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "case_lookup_pkey" PRIMARY KEY ("case_id")
);

-- CreateIndex
CREATE UNIQUE INDEX "case_document_number_key" ON "case_document"("number");

-- CreateIndex
CREATE INDEX "case_document_case_id_idx" ON "case_document"("case_id");

-- CreateIndex
CREATE UNIQUE INDEX "case_document_case_id_kind_version_key" ON "case_document"("case_id", "kind", "version");

-- AlterTable
ALTER TABLE "rating" ADD COLUMN "reasons" TEXT[] DEFAULT ARRAY[]::TEXT[];
