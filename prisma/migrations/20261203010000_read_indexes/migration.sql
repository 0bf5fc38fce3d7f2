-- Reads that stay fast as the data grows: the inbox, the case lists and the supervisor overview.

-- 我的待办: claimed tasks by assignee only. The unclaimed ones are found through the pools, so the
-- planner never reads every unclaimed open task to find one group's.
DROP INDEX "task_status_assignee_idx";
CREATE INDEX "task_status_assignee_idx" ON "task"("status", "assignee") WHERE assignee IS NOT NULL;

-- 待签收 pools: open, unclaimed tasks by candidate group and by candidate user.
CREATE INDEX "task_candidate_groups_idx" ON "task" USING GIN ("candidate_groups") WHERE status = 'open' AND assignee IS NULL;
CREATE INDEX "task_candidate_users_idx" ON "task" USING GIN ("candidate_users") WHERE status = 'open' AND assignee IS NULL;

-- Open tasks in the inbox's default order (priority, then oldest first).
CREATE INDEX "task_priority_created_at_id_idx" ON "task"("priority" DESC, "created_at", "id") WHERE status = 'open';

-- A case's first completed task with a completer: the department of a case that has no item's.
CREATE INDEX "task_case_id_completed_at_id_idx" ON "task"("case_id", "completed_at", "id") WHERE status = 'completed' AND completed_by IS NOT NULL;

-- Case lists by status, newest first (and the counts by status).
DROP INDEX "case_status_idx";
CREATE INDEX "case_status_started_at_idx" ON "case"("status", "started_at");

-- The overview's material reduction: the cases' `materials.resolved` records.
CREATE INDEX "audit_event_action_case_id_idx" ON "audit_event"("action", "case_id");
