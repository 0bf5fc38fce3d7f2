-- CreateTable
CREATE TABLE "notification_outbox" (
    "id" TEXT NOT NULL,
    "idempotency_key" TEXT NOT NULL,
    "case_id" TEXT,
    "applicant_id" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "event" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "next_attempt_at" TIMESTAMPTZ(3) NOT NULL,
    "last_error" TEXT,
    "sent_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "notification_outbox_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "notification_preference" (
    "applicant_id" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "address" TEXT,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "notification_preference_pkey" PRIMARY KEY ("applicant_id","channel")
);

-- CreateTable
CREATE TABLE "licence" (
    "id" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "number" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "issuer" TEXT NOT NULL,
    "holder_id" TEXT NOT NULL,
    "valid_from" TIMESTAMPTZ(3) NOT NULL,
    "valid_until" TIMESTAMPTZ(3),
    "status" TEXT NOT NULL DEFAULT 'valid',
    "case_id" TEXT,
    "data" JSONB NOT NULL DEFAULT '{}',
    "issued_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "licence_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "result_delivery" (
    "case_id" TEXT NOT NULL,
    "method" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "licence_id" TEXT,
    "tracking_number" TEXT,
    "address" TEXT,
    "decided_at" TIMESTAMPTZ(3) NOT NULL,
    "due_at" TIMESTAMPTZ(3) NOT NULL,
    "delivered_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "result_delivery_pkey" PRIMARY KEY ("case_id")
);

-- CreateTable
CREATE TABLE "rating" (
    "id" TEXT NOT NULL,
    "case_id" TEXT NOT NULL,
    "service_key" TEXT NOT NULL,
    "rater_id" TEXT NOT NULL,
    "level" INTEGER NOT NULL,
    "scope" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "proactive" BOOLEAN NOT NULL DEFAULT true,
    "comment" TEXT,
    "department" TEXT,
    "district" TEXT,
    "subdistrict" TEXT,
    "community" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "rating_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "rating_event" (
    "id" TEXT NOT NULL,
    "rating_id" TEXT,
    "case_id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "actor" TEXT NOT NULL,
    "details" JSONB NOT NULL DEFAULT '{}',
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "rating_event_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "credit_record" (
    "id" TEXT NOT NULL,
    "subject_id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "case_id" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "repaired_at" TIMESTAMPTZ(3),

    CONSTRAINT "credit_record_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "notification_outbox_idempotency_key_key" ON "notification_outbox"("idempotency_key");

-- CreateIndex
CREATE INDEX "notification_outbox_status_next_attempt_at_idx" ON "notification_outbox"("status", "next_attempt_at");

-- CreateIndex
CREATE INDEX "notification_outbox_applicant_id_channel_idx" ON "notification_outbox"("applicant_id", "channel");

-- CreateIndex
CREATE INDEX "notification_outbox_case_id_idx" ON "notification_outbox"("case_id");

-- CreateIndex
CREATE UNIQUE INDEX "licence_number_key" ON "licence"("number");

-- CreateIndex
CREATE INDEX "licence_holder_id_type_idx" ON "licence"("holder_id", "type");

-- CreateIndex
CREATE INDEX "rating_created_at_idx" ON "rating"("created_at");

-- CreateIndex
CREATE UNIQUE INDEX "rating_case_id_service_key_key" ON "rating"("case_id", "service_key");

-- CreateIndex
CREATE INDEX "rating_event_rating_id_idx" ON "rating_event"("rating_id");

-- CreateIndex
CREATE INDEX "rating_event_case_id_idx" ON "rating_event"("case_id");

-- CreateIndex
CREATE INDEX "credit_record_subject_id_idx" ON "credit_record"("subject_id");
