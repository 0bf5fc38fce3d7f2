-- AlterTable
ALTER TABLE "case" ADD COLUMN     "diverged" BOOLEAN NOT NULL DEFAULT false;
