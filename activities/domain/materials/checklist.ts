import { nonDeferrableReason, type RequiredMaterial } from '../../handling/materials';
import type { Variables } from '../../../workflows/engine/model';

export const MATERIAL_STATUSES = ['submitted', 'accepted', 'needs-correction', 'superseded'] as const;
export type MaterialStatus = (typeof MATERIAL_STATUSES)[number];

/** One uploaded file as the API shows it (never the bytes). */
export interface MaterialFile {
  id: string;
  code: string;
  name: string;
  fileName: string;
  contentType: string;
  size: number;
  sha256: string;
  status: string;
  reviewNote: string | null;
  reviewedBy: string | null;
  reviewedAt: Date | null;
  uploadedBy: string;
  uploadedAt: Date;
}

/**
 * Where a checklist entry stands: a file is there (submitted / accepted / needs-correction), it is to
 * follow under 容缺 (deferred), a written commitment replaces it (committed, 告知承诺), the
 * 电子证照库 or shared data answers it (e-licence / shared-data: 免提交), or it is still missing.
 */
export type ChecklistState =
  'submitted' | 'accepted' | 'needs-correction' | 'deferred' | 'committed' | 'e-licence' | 'shared-data' | 'missing';

export interface ChecklistEntry {
  code: string;
  name: string;
  /** Required by the item (false: an extra upload, or any upload of a general process). */
  required: boolean;
  core: boolean;
  /** How the catalogue lets it be obtained, in priority order (e-licence, shared-data, commitment, deferrable, upload, paper). */
  sources: string[];
  state: ChecklistState;
  /** Why it stands so, in words for the applicant (免提交 reason, 容缺 deadline, review note …). */
  note?: string;
  /** 容缺: supply by this time. */
  deadline?: string | null;
  /** Set when the material may not be deferred (核心要件 …). */
  nonDeferrableReason?: string;
  /** The current file, if any. */
  file?: MaterialFile;
  /** Earlier files of this code, newest first (superseded, kept). */
  history: MaterialFile[];
}

export interface ChecklistInput {
  required: RequiredMaterial[];
  files: MaterialFile[];
  variables: Variables;
  /** Licence types the 电子证照库 holds for the applicant. */
  licences: ReadonlySet<string>;
  /** Materials a 补正告知 asked for (code → reason): one without a file counts as 需补正, not 未提交. */
  asked?: ReadonlyMap<string, string>;
}

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : []);

/** The case's materials: every required one merged with what happened to it, then extra uploads. */
export function buildChecklist(input: ChecklistInput): {
  items: ChecklistEntry[];
  total: number;
  complete: boolean;
  neededFromApplicant: { code: string; name: string; reason: string }[];
} {
  const vars = input.variables;
  const deferred = new Set(strings(vars.deferredMaterials));
  const committed = new Set(strings(vars.materialCommitments));
  const wholeCaseCommitment =
    vars.handlingMode === 'commitment' && (vars.commitment as { accepted?: boolean } | undefined)?.accepted === true;
  const resolvedByProcess = Array.isArray(vars.resolvedMaterials)
    ? new Set((vars.resolvedMaterials as { code?: string }[]).map((r) => String(r.code)))
    : undefined;
  const supplementDueAt = typeof vars.supplementDueAt === 'string' ? vars.supplementDueAt : null;

  const byCode = new Map<string, MaterialFile[]>();
  for (const f of [...input.files].sort((a, b) => b.uploadedAt.getTime() - a.uploadedAt.getTime())) {
    byCode.set(f.code, [...(byCode.get(f.code) ?? []), f]);
  }
  const fileState = (code: string) => {
    const files = byCode.get(code) ?? [];
    const current = files.find((f) => f.status !== 'superseded');
    return { file: current, history: files.filter((f) => f !== current) };
  };

  const items: ChecklistEntry[] = input.required.map((m) => {
    const sources = m.sources ?? ['upload'];
    const { file, history } = fileState(m.code);
    const reason = nonDeferrableReason(m);
    const base = {
      code: m.code,
      name: m.name,
      required: true,
      core: m.core === true,
      sources,
      history,
      ...(reason ? { nonDeferrableReason: reason } : {}),
    };
    if (file) {
      const state = file.status as ChecklistState;
      return { ...base, state, file, ...(file.status === 'needs-correction' && file.reviewNote ? { note: file.reviewNote } : {}) };
    }
    const asked = input.asked?.get(m.code);
    if (asked) return { ...base, state: 'needs-correction', note: asked };
    if (deferred.has(m.code))
      return { ...base, state: 'deferred', deadline: supplementDueAt, note: '容缺受理，限期补齐 (to be supplied by the deadline)' };
    if (committed.has(m.code) || (wholeCaseCommitment && sources.includes('commitment')))
      return { ...base, state: 'committed', note: '以书面承诺替代 (replaced by a written commitment, 告知承诺)' };
    const byLicence = resolvedByProcess
      ? resolvedByProcess.has(m.code)
      : sources.includes('e-licence') && !!m.licenceType && input.licences.has(m.licenceType);
    if (byLicence) return { ...base, state: 'e-licence', note: '电子证照库调取，免提交 (taken from the e-licence library)' };
    if (sources.includes('shared-data'))
      return { ...base, state: 'shared-data', note: '部门共享数据获取，免提交 (taken from shared data)' };
    return { ...base, state: 'missing' };
  });

  const requiredCodes = new Set(input.required.map((m) => m.code));
  for (const code of byCode.keys()) {
    if (requiredCodes.has(code)) continue;
    // An extra code always has a current file: only a newer file of the same code supersedes one.
    const { file, history } = fileState(code);
    if (!file) continue;
    items.push({
      code,
      name: file.name,
      required: false,
      core: false,
      sources: ['upload'],
      state: file.status as ChecklistState,
      file,
      history,
      ...(file.status === 'needs-correction' && file.reviewNote ? { note: file.reviewNote } : {}),
    });
  }

  const neededFromApplicant = items
    .filter((i) => i.state === 'needs-correction')
    .map((i) => ({ code: i.code, name: i.name, reason: i.note ?? '需补正 (needs correction)' }));
  const complete = items.every((i) => i.state !== 'missing' && i.state !== 'needs-correction' && i.state !== 'deferred');
  return { items, total: items.length, complete, neededFromApplicant };
}
