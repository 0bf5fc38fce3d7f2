import type { PrismaClient } from '../../server/data/generated/client';
import type { Variables } from '../../workflows/engine/model';

/** A required material as the catalogue describes it (activities/catalog/schema.ts Material). */
export interface RequiredMaterial {
  code: string;
  name: string;
  sources?: string[];
  core?: boolean;
  /** Safety or environmental mandatory material: never deferrable (docs/rules.md#deferred-acceptance). */
  safety?: boolean;
  environmental?: boolean;
  licenceType?: string;
}

export interface ItemFacts {
  materials: RequiredMaterial[];
  /** 一证通办: one ID or licence suffices for this item (catalogue flag). */
  oneLicence: boolean;
  statutoryDays?: number;
  promisedDays?: number;
  department?: string;
}

/**
 * The materials and limits of the item a case is for: from the catalogue item when the case names
 * one, else from the case's own variables (`materials`, `oneLicence`, `statutoryDays`, `promisedDays`).
 */
export async function itemFacts(prisma: PrismaClient, itemCode: string | null | undefined, variables: Variables): Promise<ItemFacts> {
  const fromVars: ItemFacts = {
    materials: Array.isArray(variables.materials) ? (variables.materials as RequiredMaterial[]) : [],
    oneLicence: variables.oneLicence === true,
    statutoryDays: typeof variables.statutoryDays === 'number' ? variables.statutoryDays : undefined,
    promisedDays: typeof variables.promisedDays === 'number' ? variables.promisedDays : undefined,
  };
  if (!itemCode) return fromVars;
  const item = await prisma.catalogItem.findFirst({ where: { code: itemCode, isLatest: true } }).catch(() => null);
  if (!item) return fromVars;
  const data = (item.data ?? {}) as { materials?: RequiredMaterial[]; oneLicence?: boolean; flags?: { oneLicence?: boolean } };
  return {
    materials: data.materials ?? fromVars.materials,
    oneLicence: data.oneLicence ?? data.flags?.oneLicence ?? fromVars.oneLicence,
    statutoryDays: item.statutoryDays,
    promisedDays: item.promisedDays,
    department: item.department,
  };
}

/** Why a material may not be deferred (容缺), or undefined when it may. */
export function nonDeferrableReason(m: RequiredMaterial): string | undefined {
  if (m.core) return `「${m.name}」是核心要件，不得容缺`;
  if (m.safety) return `「${m.name}」是安全类强制材料，不得容缺`;
  if (m.environmental) return `「${m.name}」是环保类强制材料，不得容缺`;
  if (m.sources && !m.sources.includes('deferrable')) return `「${m.name}」未列为可容缺材料 (not listed as deferrable in the catalogue)`;
  return undefined;
}
