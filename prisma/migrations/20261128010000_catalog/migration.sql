-- CreateTable
CREATE TABLE "catalog_item" (
    "id" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "basic_code" TEXT NOT NULL,
    "handle_item_code" TEXT,
    "name" TEXT NOT NULL,
    "item_type" TEXT NOT NULL,
    "department" TEXT NOT NULL,
    "level" TEXT NOT NULL,
    "project_type" TEXT NOT NULL,
    "process_key" TEXT NOT NULL,
    "promised_days" INTEGER NOT NULL,
    "statutory_days" INTEGER NOT NULL,
    "hash" TEXT NOT NULL,
    "is_latest" BOOLEAN NOT NULL DEFAULT true,
    "source" TEXT NOT NULL,
    "data" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "catalog_item_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "catalog_node" (
    "code" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "level" TEXT NOT NULL,
    "parent_code" TEXT,
    "name" TEXT NOT NULL,
    "sort_order" INTEGER NOT NULL DEFAULT 0,
    "data" JSONB NOT NULL DEFAULT '{}',

    CONSTRAINT "catalog_node_pkey" PRIMARY KEY ("code")
);

-- CreateTable
CREATE TABLE "catalog_entry" (
    "id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "data" JSONB NOT NULL,

    CONSTRAINT "catalog_entry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "event_case" (
    "id" TEXT NOT NULL,
    "workflow_id" TEXT NOT NULL,
    "event_code" TEXT NOT NULL,
    "event_name" TEXT NOT NULL,
    "applicant_id" TEXT NOT NULL,
    "started_by" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "items" JSONB NOT NULL,
    "form" JSONB NOT NULL,
    "materials" JSONB NOT NULL,
    "required_count" INTEGER NOT NULL,
    "submitted_count" INTEGER NOT NULL,
    "prereview_id" TEXT,
    "result" JSONB,
    "notice" TEXT,
    "started_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "ended_at" TIMESTAMPTZ(3),

    CONSTRAINT "event_case_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "prereview" (
    "id" TEXT NOT NULL,
    "item_code" TEXT,
    "event_code" TEXT,
    "applicant_id" TEXT NOT NULL,
    "submitted_by" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "materials" JSONB NOT NULL,
    "notice" TEXT,
    "reviewed_by" TEXT,
    "reviewed_at" TIMESTAMPTZ(3),
    "case_id" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "prereview_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "catalog_item_basic_code_idx" ON "catalog_item"("basic_code");

-- CreateIndex
CREATE INDEX "catalog_item_is_latest_department_idx" ON "catalog_item"("is_latest", "department");

-- CreateIndex
CREATE UNIQUE INDEX "catalog_item_code_version_key" ON "catalog_item"("code", "version");

-- CreateIndex
CREATE INDEX "catalog_node_subject_level_idx" ON "catalog_node"("subject", "level");

-- CreateIndex
CREATE INDEX "catalog_node_parent_code_idx" ON "catalog_node"("parent_code");

-- CreateIndex
CREATE INDEX "catalog_entry_kind_idx" ON "catalog_entry"("kind");

-- CreateIndex
CREATE UNIQUE INDEX "event_case_workflow_id_key" ON "event_case"("workflow_id");

-- CreateIndex
CREATE INDEX "event_case_applicant_id_idx" ON "event_case"("applicant_id");

-- CreateIndex
CREATE INDEX "event_case_event_code_idx" ON "event_case"("event_code");

-- CreateIndex
CREATE INDEX "prereview_applicant_id_idx" ON "prereview"("applicant_id");

-- CreateIndex
CREATE INDEX "prereview_status_idx" ON "prereview"("status");
