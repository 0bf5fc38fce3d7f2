-- AlterTable
ALTER TABLE "hotline_order" ADD COLUMN     "lead_order_id" TEXT,
ADD COLUMN     "matter_type" TEXT,
ADD COLUMN     "matter_type_by" TEXT,
ADD COLUMN     "place_key" TEXT,
ADD COLUMN     "place_label" TEXT;

-- CreateIndex
CREATE INDEX "hotline_order_place_key_received_at_idx" ON "hotline_order"("place_key", "received_at");

-- CreateIndex
CREATE INDEX "hotline_order_lead_order_id_idx" ON "hotline_order"("lead_order_id");
