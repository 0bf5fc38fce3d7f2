import type { ServiceTaskHandler } from '../service-tasks/registry';

/**
 * 免踏勘 (exemption from on-site inspection): premises already licensed whose business type (业态) and
 * main building structure (建筑主体结构) do not change may be exempted.
 * Source: 莲湖区审批服务地图 (2019), the district's published service map. Whether a
 * licensed predecessor is required is a district choice, hence configurable.
 */
export interface InspectionExemptionConfig {
  /** The premises must have held the same kind of licence before (source: 莲湖区审批服务地图, 2019). */
  requirePreviousLicence: boolean;
}
export const INSPECTION_EXEMPTION_DEFAULTS: InspectionExemptionConfig = { requirePreviousLicence: true };

export interface PremisesFacts {
  businessType?: unknown;
  previousBusinessType?: unknown;
  mainStructureChanged?: unknown;
  previouslyLicensed?: unknown;
}

export function decideInspectionExemption(
  facts: PremisesFacts,
  config = INSPECTION_EXEMPTION_DEFAULTS,
): { exempt: boolean; reason: string } {
  if (config.requirePreviousLicence && facts.previouslyLicensed !== true)
    return { exempt: false, reason: '经营场所此前未取得同类许可，需现场核查 (premises not previously licensed)' };
  if (typeof facts.businessType !== 'string' || typeof facts.previousBusinessType !== 'string')
    return { exempt: false, reason: '未申报原业态与拟经营业态，需现场核查 (business types not declared)' };
  if (facts.businessType !== facts.previousBusinessType)
    return {
      exempt: false,
      reason: `业态由“${facts.previousBusinessType}”变为“${facts.businessType}”，需现场核查 (business type changes)`,
    };
  if (facts.mainStructureChanged !== false)
    return { exempt: false, reason: '建筑主体结构有变化或未申报，需现场核查 (main structure changes or not declared)' };
  return { exempt: true, reason: '不改变原店铺业态及建筑主体结构，免于现场踏勘 (same business type and main structure: exempt)' };
}

/** Service task `inspection-exemption`: sets `inspectionExempt` and `inspectionExemptReason` on the case. */
export const inspectionExemption: ServiceTaskHandler = async ({ variables }) => {
  const premises = (variables.premises && typeof variables.premises === 'object' ? variables.premises : variables) as PremisesFacts;
  const decision = decideInspectionExemption(premises);
  return { inspectionExempt: decision.exempt, inspectionExemptReason: decision.reason };
};
