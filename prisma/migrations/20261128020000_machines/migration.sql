-- CreateTable
CREATE TABLE "machine_instance" (
    "id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "workflow_id" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "state" JSONB NOT NULL,
    "states" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "status" TEXT NOT NULL,
    "department" TEXT,
    "holder" TEXT,
    "area" TEXT,
    "context" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "machine_instance_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "machine_transition" (
    "id" BIGSERIAL NOT NULL,
    "instance_id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "event" TEXT NOT NULL,
    "actor" TEXT NOT NULL,
    "payload" JSONB,
    "from_state" JSONB,
    "to_state" JSONB NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "machine_transition_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "machine_step" (
    "id" TEXT NOT NULL,
    "instance_id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "step" TEXT NOT NULL,
    "deadline_key" TEXT NOT NULL,
    "working_days" INTEGER NOT NULL,
    "source" TEXT NOT NULL,
    "department" TEXT,
    "holder" TEXT NOT NULL,
    "entered_at" TIMESTAMPTZ(3) NOT NULL,
    "due_at" TIMESTAMPTZ(3) NOT NULL,
    "completed_at" TIMESTAMPTZ(3),

    CONSTRAINT "machine_step_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "machine_escalation" (
    "id" BIGSERIAL NOT NULL,
    "step_id" TEXT NOT NULL,
    "instance_id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "level" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "holder" TEXT NOT NULL,
    "department" TEXT,
    "notified" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "machine_escalation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "machine_notification" (
    "id" BIGSERIAL NOT NULL,
    "instance_id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "recipient" TEXT NOT NULL,
    "message" TEXT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "machine_notification_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "hotline_order" (
    "id" TEXT NOT NULL,
    "caller_phone" TEXT NOT NULL,
    "caller_name" TEXT,
    "subject" TEXT,
    "category" TEXT NOT NULL,
    "content" TEXT NOT NULL,
    "received_at" TIMESTAMPTZ(3) NOT NULL,
    "merged_into" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "hotline_order_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "catalogue_adjustment" (
    "id" TEXT NOT NULL,
    "change" TEXT NOT NULL,
    "item_code" TEXT NOT NULL,
    "item_name" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "reason" TEXT NOT NULL,
    "proposed_by" TEXT NOT NULL,
    "approved_by" TEXT NOT NULL,
    "effective_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "catalogue_adjustment_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "machine_instance_kind_status_idx" ON "machine_instance"("kind", "status");

-- CreateIndex
CREATE INDEX "machine_instance_holder_idx" ON "machine_instance"("holder");

-- CreateIndex
CREATE INDEX "machine_transition_instance_id_at_idx" ON "machine_transition"("instance_id", "at");

-- CreateIndex
CREATE INDEX "machine_step_instance_id_idx" ON "machine_step"("instance_id");

-- CreateIndex
CREATE INDEX "machine_step_kind_department_due_at_idx" ON "machine_step"("kind", "department", "due_at");

-- CreateIndex
CREATE INDEX "machine_escalation_instance_id_idx" ON "machine_escalation"("instance_id");

-- CreateIndex
CREATE INDEX "machine_escalation_step_id_idx" ON "machine_escalation"("step_id");

-- CreateIndex
CREATE INDEX "machine_notification_recipient_at_idx" ON "machine_notification"("recipient", "at");

-- CreateIndex
CREATE INDEX "machine_notification_instance_id_idx" ON "machine_notification"("instance_id");

-- CreateIndex
CREATE INDEX "hotline_order_caller_phone_received_at_idx" ON "hotline_order"("caller_phone", "received_at");

-- CreateIndex
CREATE INDEX "hotline_order_subject_received_at_idx" ON "hotline_order"("subject", "received_at");

-- CreateIndex
CREATE INDEX "catalogue_adjustment_item_code_idx" ON "catalogue_adjustment"("item_code");
