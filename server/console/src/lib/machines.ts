// Rule machines (办不成事, 12345, 审管联动) as the console shows them: state and event names in Chinese,
// deadlines, and the shapes the API returns. Labels mirror workflows/machines/* (the console cannot import them).
import { api, type Page } from './api';

export interface Deadline {
  step: string;
  key: string;
  workingDays: number;
  source: string;
  holder: string;
  department?: string;
  enteredAt: number;
  dueAt: number;
}

export interface Transition {
  event: string;
  actor: string;
  payload?: Record<string, unknown> | null;
  fromState?: unknown;
  toState: unknown;
  at: string;
}

export interface MachineView<C = Record<string, unknown>> {
  kind: string;
  instanceId: string;
  value: unknown;
  states: string[];
  status: 'active' | 'done' | 'error' | 'stopped';
  context: C & { deadline?: Deadline; title?: string; department?: string; holder?: string };
  allowedEvents: string[];
  history?: Transition[];
  rule?: string;
}

/** A machine_instance row as list endpoints return it. */
export interface InstanceRow<C = Record<string, unknown>> {
  id: string;
  kind: string;
  title: string;
  state: unknown;
  states: string[];
  status: string;
  department: string | null;
  holder: string | null;
  context: C & { deadline?: Deadline };
  createdAt: string;
  updatedAt: string;
}

// State, event and value words come from the shared label catalogue (also used by the API and exports).
export {
  ADJUSTMENT_CHANGES,
  DECISIONS,
  decisionLabel,
  EVENT_LABELS,
  eventLabel,
  FALLBACK_CATEGORIES,
  FALLBACK_CAUSES,
  FINDING_ACTIONS,
  FINDING_TYPES,
  HOTLINE_CATEGORIES,
  KIND_LABELS,
  mainState,
  STATE_LABELS,
  stateLabel,
  SUPERVISION_LABELS,
  SYSTEM_EVENTS,
  valueLabel,
} from '../../../labels/machines';

/** 343: the three roles, four intake channels and three service modes of key-project agency. */
export const AGENT_ROLES: Record<string, string> = { dedicated: '专职代办员', business: '业务帮办员', enterprise: '企业服务专员' };
export const INTAKE_CHANNELS: Record<string, string> = {
  window: '线下窗口',
  solicitation: '主动征集',
  departmentTransfer: '部门转交',
  specialistHandover: '专员移交',
};
export const AGENCY_MODES: Record<string, string> = { preReview: '审前导办', jointHandling: '互动联办', followUp: '全周期跟办' };

export interface AgentRow {
  userId: string;
  name: string;
  role: string;
  roleLabel: string;
}
let agents: Promise<Page<AgentRow>> | undefined;
export function loadAgents(): Promise<Page<AgentRow>> {
  agents ??= api.get<Page<AgentRow>>('/api/agency/agents').catch((e) => {
    agents = undefined;
    throw e;
  });
  return agents;
}

export const isOverdue = (d?: Deadline | null, now = Date.now()) => !!d && d.dueAt < now;

// The machine departments (codes used by events) with their staff, loaded once per page view.
export interface MachineDepartment {
  code: string;
  name: string;
  area: string;
  commissioner?: { userId: string; name: string };
  staff: { id: string; name: string }[];
}
let departments: Promise<Page<MachineDepartment>> | undefined;
export function loadDepartments(): Promise<Page<MachineDepartment>> {
  departments ??= api.get<Page<MachineDepartment>>('/api/linkage/departments').catch((e) => {
    departments = undefined;
    throw e;
  });
  return departments;
}
export const departmentName = (list: MachineDepartment[] | undefined, code?: string | null) =>
  code ? (list?.find((d) => d.code === code)?.name ?? code) : '—';
