-- CreateTable
CREATE TABLE "prereview_file" (
    "id" TEXT NOT NULL,
    "owner_id" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "file_name" TEXT NOT NULL,
    "content_type" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "sha256" TEXT NOT NULL,
    "content" BYTEA NOT NULL,
    "uploaded_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "prereview_file_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "prereview_file_owner_id_idx" ON "prereview_file"("owner_id");
