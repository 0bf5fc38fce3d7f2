-- AlterTable
ALTER TABLE "task" ADD COLUMN     "delegation_state" TEXT,
ADD COLUMN     "owner" TEXT,
ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 1;

-- CreateTable
CREATE TABLE "task_comment" (
    "id" TEXT NOT NULL,
    "task_id" TEXT NOT NULL,
    "case_id" TEXT NOT NULL,
    "author" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "task_comment_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "task_comment_task_id_created_at_idx" ON "task_comment"("task_id", "created_at");

-- AddForeignKey
ALTER TABLE "task_comment" ADD CONSTRAINT "task_comment_task_id_fkey" FOREIGN KEY ("task_id") REFERENCES "task"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
