import type { Material, MaterialSource } from './schema';

/** How one material of a combined case is obtained. `bundle` = produced by an earlier item of the same case. */
export type Resolution = 'bundle' | 'e-licence' | 'shared-data' | 'commitment' | 'deferred' | 'submitted' | 'missing';

export interface ResolvedMaterial {
  code: string;
  name: string;
  core: boolean;
  /** Items whose guides require it (asked once, shared across them). */
  itemCodes: string[];
  resolution: Resolution;
  /** True when the applicant had to hand it in (now or, for 容缺, later). */
  applicantSubmits: boolean;
  note?: string;
}

export interface MaterialContext {
  /** Licence types the 电子证照库 holds for this applicant. */
  licences: ReadonlySet<string>;
  /** Materials the applicant has uploaded (or that passed pre-review). */
  submitted: ReadonlySet<string>;
  /** Materials the applicant chooses to replace by a written commitment (告知承诺, voluntary). */
  commitments: ReadonlySet<string>;
  /** Materials the applicant asks to supply later (容缺). */
  deferrals: ReadonlySet<string>;
}

export interface BundleItemMaterials {
  code: string;
  materials: Material[];
  producesLicence?: string;
  /** Items of the bundle that finish before this one (transitively). */
  predecessors: ReadonlySet<string>;
}

/**
 * One material set for a bundle: each material once, its source picked in the order 电子证照/shared data (免提交, 国务院令第716号 第七条; 国办发〔2022〕3号) → 告知承诺 → 容缺 → upload
 * (e-licence / shared data → commitment → 容缺 → upload or paper), only among sources every item
 * needing it accepts; core materials are never deferred (核心要件不得容缺, e.g. 化府办〔2025〕22号).
 */
export function resolveMaterials(items: BundleItemMaterials[], ctx: MaterialContext): ResolvedMaterial[] {
  const merged = new Map<string, { m: Material; sources: MaterialSource[]; core: boolean; itemCodes: string[] }>();
  for (const item of items) {
    for (const m of item.materials) {
      const prev = merged.get(m.code);
      if (!prev) merged.set(m.code, { m, sources: [...m.sources], core: m.core, itemCodes: [item.code] });
      else {
        const common = prev.sources.filter((s) => m.sources.includes(s));
        prev.sources = common.length ? common : ['upload'];
        prev.core ||= m.core;
        prev.itemCodes.push(item.code);
      }
    }
  }
  const producers = new Map<string, string>();
  for (const item of items) if (item.producesLicence) producers.set(item.producesLicence, item.code);
  const byCode = new Map(items.map((i) => [i.code, i]));

  return [...merged.values()].map(({ m, sources, core, itemCodes }) => {
    const base = { code: m.code, name: m.name, core, itemCodes };
    const producer = m.licenceType ? producers.get(m.licenceType) : undefined;
    if (producer && itemCodes.every((c) => byCode.get(c)?.predecessors.has(producer)))
      return {
        ...base,
        resolution: 'bundle' as const,
        applicantSubmits: false,
        note: `由本件事项 ${producer} 办结后生成的电子证照自动获取`,
      };
    if (sources.includes('e-licence') && m.licenceType && ctx.licences.has(m.licenceType))
      return { ...base, resolution: 'e-licence' as const, applicantSubmits: false, note: '电子证照库调取，免提交' };
    if (sources.includes('shared-data'))
      return { ...base, resolution: 'shared-data' as const, applicantSubmits: false, note: '部门共享数据获取，免提交' };
    if (sources.includes('commitment') && ctx.commitments.has(m.code))
      return { ...base, resolution: 'commitment' as const, applicantSubmits: false, note: '以书面承诺替代 (告知承诺)' };
    if (ctx.submitted.has(m.code)) return { ...base, resolution: 'submitted' as const, applicantSubmits: true };
    if (sources.includes('deferrable') && !core && ctx.deferrals.has(m.code))
      return { ...base, resolution: 'deferred' as const, applicantSubmits: true, note: '容缺受理，限期补齐' };
    return { ...base, resolution: 'missing' as const, applicantSubmits: true };
  });
}

/** Material reduction: guide-required materials (counted per item) vs materials the applicant handed in. */
export function reductionOf(
  items: BundleItemMaterials[],
  resolved: ResolvedMaterial[],
): { required: number; submitted: number; rate: number } {
  const required = items.reduce((n, i) => n + i.materials.length, 0);
  const submitted = resolved.filter((r) => r.applicantSubmits).length;
  return { required, submitted, rate: required === 0 ? 0 : round((required - submitted) / required) };
}

const round = (x: number) => Math.round(x * 1000) / 1000;

/** Items that finish before each item (transitive closure of `after`). */
export function predecessorsOf(bundle: { code: string; after: string[] }[]): Map<string, Set<string>> {
  const after = new Map(bundle.map((b) => [b.code, b.after]));
  const memo = new Map<string, Set<string>>();
  const walk = (code: string): Set<string> => {
    const known = memo.get(code);
    if (known) return known;
    const set = new Set<string>();
    memo.set(code, set);
    for (const dep of after.get(code) ?? []) {
      set.add(dep);
      for (const d of walk(dep)) set.add(d);
    }
    return set;
  };
  return new Map(bundle.map((b) => [b.code, walk(b.code)]));
}

/** The e-licences the demo 电子证照库 holds for every applicant; production asks the provincial library. */
export const DEMO_LICENCE_HOLDINGS = [
  'RESIDENT_ID',
  'HOUSEHOLD_REGISTER',
  'MARRIAGE_CERT',
  'SOCIAL_SECURITY_CARD',
  'BUSINESS_LICENCE',
] as const;
