-- CreateTable
CREATE TABLE "process_definition" (
    "id" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "hash" TEXT NOT NULL,
    "name" TEXT,
    "xml" TEXT NOT NULL,
    "graph" JSONB NOT NULL,
    "deployed_by" TEXT,
    "deployed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "process_definition_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "case" (
    "id" TEXT NOT NULL,
    "workflow_id" TEXT NOT NULL,
    "definition_id" TEXT NOT NULL,
    "process_key" TEXT NOT NULL,
    "item_code" TEXT,
    "title" TEXT NOT NULL,
    "applicant_id" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "phase" TEXT,
    "variables" JSONB NOT NULL DEFAULT '{}',
    "result" JSONB,
    "started_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "ended_at" TIMESTAMPTZ(3),

    CONSTRAINT "case_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "task" (
    "id" TEXT NOT NULL,
    "case_id" TEXT NOT NULL,
    "element_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "assignee" TEXT,
    "candidate_groups" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "candidate_users" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "priority" INTEGER NOT NULL DEFAULT 50,
    "due_at" TIMESTAMPTZ(3),
    "follow_up_at" TIMESTAMPTZ(3),
    "form_key" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "completed_at" TIMESTAMPTZ(3),
    "completed_by" TEXT,
    "outcome" JSONB,

    CONSTRAINT "task_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "audit_event" (
    "id" BIGSERIAL NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actor" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "case_id" TEXT,
    "task_id" TEXT,
    "element_id" TEXT,
    "before" JSONB,
    "after" JSONB,
    "details" JSONB,

    CONSTRAINT "audit_event_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "app_user" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "department" TEXT,
    "roles" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "groups" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "app_user_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "process_definition_key_version_key" ON "process_definition"("key", "version");

-- CreateIndex
CREATE UNIQUE INDEX "process_definition_key_hash_key" ON "process_definition"("key", "hash");

-- CreateIndex
CREATE UNIQUE INDEX "case_workflow_id_key" ON "case"("workflow_id");

-- CreateIndex
CREATE INDEX "case_applicant_id_idx" ON "case"("applicant_id");

-- CreateIndex
CREATE INDEX "case_status_idx" ON "case"("status");

-- CreateIndex
CREATE INDEX "task_status_assignee_idx" ON "task"("status", "assignee");

-- CreateIndex
CREATE INDEX "task_case_id_idx" ON "task"("case_id");

-- CreateIndex
CREATE INDEX "task_due_at_idx" ON "task"("due_at");

-- CreateIndex
CREATE INDEX "audit_event_case_id_at_idx" ON "audit_event"("case_id", "at");

-- CreateIndex
CREATE INDEX "audit_event_actor_at_idx" ON "audit_event"("actor", "at");

-- AddForeignKey
ALTER TABLE "case" ADD CONSTRAINT "case_definition_id_fkey" FOREIGN KEY ("definition_id") REFERENCES "process_definition"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "task" ADD CONSTRAINT "task_case_id_fkey" FOREIGN KEY ("case_id") REFERENCES "case"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
