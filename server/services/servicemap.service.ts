import type { PrismaClient } from '../data/generated/client';
import type { z } from 'zod';
import type { IndustryInput, ZoneInput } from '../../activities/catalog/schema';
import { decideInspectionExemption, type PremisesFacts } from '../../activities/catalog/inspection-exemption';
import { notFound } from '../errors';

type Zone = z.infer<typeof ZoneInput>;
type Industry = z.infer<typeof IndustryInput>;

/** 审批服务地图: zones and business districts, the five hot industries, guidance per industry and zone. */
export function createServiceMapService(prisma: PrismaClient) {
  const load = async <T>(kind: string) =>
    (await prisma.catalogEntry.findMany({ where: { kind }, orderBy: { code: 'asc' }, select: { data: true } })).map(
      (r) => r.data as unknown as T,
    );
  return {
    async overview() {
      const [zones, industries] = await Promise.all([load<Zone>('zone'), load<Industry>('industry')]);
      return { zones, industries: industries.map((i) => ({ code: i.code, name: i.name, eventCode: i.eventCode })) };
    },
    async industry(code: string, zoneCode?: string) {
      const row = await prisma.catalogEntry.findUnique({ where: { id: `industry:${code}` } });
      if (!row) throw notFound('industry', code);
      const industry = row.data as unknown as Industry;
      const zones = (await load<Zone>('zone')).filter((z) => z.industries.includes(code));
      if (
        zoneCode &&
        !zones.some((z) => z.code === zoneCode) &&
        !(await prisma.catalogEntry.findUnique({ where: { id: `zone:${zoneCode}` } }))
      )
        throw notFound('zone', zoneCode);
      const items = await prisma.catalogItem.findMany({
        where: { code: { in: industry.itemCodes }, isLatest: true },
        select: { code: true, name: true, department: true, promisedDays: true },
      });
      return {
        ...industry,
        items,
        zones: zones.map((z) => ({ code: z.code, name: z.name, subdistrict: z.subdistrict, advice: industry.zoneAdvice[z.code] })),
        ...(zoneCode ? { zoneAdvice: industry.zoneAdvice[zoneCode] ?? '该区域暂无特别提示 (no specific advice for this zone)' } : {}),
        inspectionExemptionRule: '不改变原店铺业态及建筑主体结构的，可申请免除现场踏勘',
      };
    },
    inspectionExemption(facts: PremisesFacts) {
      return decideInspectionExemption(facts);
    },
  };
}
export type ServiceMapService = ReturnType<typeof createServiceMapService>;
