// Shapes of the API's answers the console reads (see /api/openapi.json).
export interface PathEntry {
  elementId: string;
  type: string;
  at: string;
  actor?: string;
  via?: string;
  left?: string;
}

export interface OpenTask {
  taskId: string;
  elementId: string;
  name: string;
  assignment?: { assignee?: string; candidateGroups?: string[]; candidateUsers?: string[] };
  formKey?: string;
  createdAt: string;
  dueAt?: string;
  /** 暂定: the due date crosses a year whose holiday notice is not loaded yet. */
  dueProvisional?: boolean;
}

/** A deadline of the case (办理期限 …) as the API reports it. */
export interface CaseDeadline {
  name: string;
  label: string;
  dueAt: string;
  provisional: boolean;
}

export interface CaseDetail {
  caseId: string;
  definitionId: string;
  processKey: string;
  status: string;
  activeElements: string[];
  openTasks: OpenTask[];
  variables: Record<string, unknown>;
  path: PathEntry[];
  failure?: { elementId: string; message: string };
  title: string;
  applicantId: string;
  applicantName?: string;
  itemCode?: string | null;
  startedAt: string;
  endedAt: string | null;
  result: unknown;
  deadlines?: CaseDeadline[];
  /** A read-model write of this case failed (故障处理 holds its incident). */
  diverged?: boolean;
  /** Periods the statutory clock stood still (补正, 特别程序); an open one has no `to`. */
  clockPauses?: { from: string; to?: string; reason?: string }[];
}

export interface CaseRow {
  id: string;
  processKey: string;
  definitionId: string;
  title: string;
  applicantId: string;
  /** The applicant's name (the form's, else the account's). */
  applicantName?: string;
  status: string;
  startedAt: string;
  endedAt: string | null;
  itemCode?: string | null;
}

export interface TaskRow {
  id: string;
  caseId: string;
  elementId: string;
  name: string;
  status: string;
  assignee: string | null;
  candidateGroups: string[];
  candidateUsers: string[];
  priority: number;
  dueAt: string | null;
  dueProvisional?: boolean;
  formKey: string | null;
  createdAt: string;
  completedAt: string | null;
  completedBy: string | null;
  outcome: unknown;
  case?: { title: string; applicantId: string; applicantName?: string; processKey?: string };
}

export interface DefinitionSummary {
  id: string;
  key: string;
  version: number;
  hash: string;
  name: string | null;
  deployedAt: string;
  deployedBy: string | null;
}

export interface AuditRow {
  id: string;
  at: string;
  actor: string;
  action: string;
  caseId: string | null;
  taskId: string | null;
  elementId: string | null;
  before: unknown;
  after: unknown;
  details: unknown;
}
