import type { PrismaClient } from '../data/generated/client';
import type { VenueInput } from '../../activities/catalog/schema';
import { haversineKm } from '../../activities/catalog/geo';
import { badRequest, notFound } from '../errors';

export const VENUE_KIND_LABEL: Record<VenueInput['kind'], string> = {
  'district-centre': '区政务服务中心',
  'subdistrict-centre': '街道便民服务中心',
  'community-station': '社区便民服务站',
  'service-post': '政务服务驿站',
  shop: '政务小店',
};

/** 就近办: where an item can be done, nearest first, from a coordinate or an address. */
export function createVenuesService(prisma: PrismaClient) {
  async function all(): Promise<VenueInput[]> {
    const rows = await prisma.catalogEntry.findMany({ where: { kind: 'venue' }, select: { data: true } });
    return rows.map((r) => r.data as unknown as VenueInput);
  }
  return {
    async get(code: string) {
      const row = await prisma.catalogEntry.findUnique({ where: { id: `venue:${code}` } });
      if (!row) throw notFound('venue', code);
      return row.data as unknown as VenueInput;
    },

    async find(filter: { item?: string; lat?: number; lng?: number; address?: string; kind?: VenueInput['kind']; limit: number }) {
      let venues = await all();
      let itemName: string | undefined;
      if (filter.item) {
        const item = await prisma.catalogItem.findFirst({
          where: { isLatest: true, OR: [{ code: filter.item }, { basicCode: filter.item }] },
          select: { code: true, basicCode: true, name: true },
        });
        if (!item) throw notFound('itemCode', filter.item);
        itemName = item.name;
        venues = venues.filter((v) => v.items.includes('*') || v.items.includes(item.code) || v.items.includes(item.basicCode));
      }
      if (filter.kind) venues = venues.filter((v) => v.kind === filter.kind);

      let origin: { lat: number; lng: number } | undefined;
      let matched: string | undefined;
      if (filter.lat !== undefined && filter.lng !== undefined) origin = { lat: filter.lat, lng: filter.lng };
      else if (filter.address) {
        // Match the most specific place name the address mentions: a community first, then a sub-district.
        const known = await all();
        const community = known.find((v) => v.community && filter.address!.includes(v.community.replace(/社区$/, '')));
        const subdistrict = known.find(
          (v) => filter.address!.includes(v.subdistrict.replace(/街道$/, '')) && v.kind === 'subdistrict-centre',
        );
        const anchor = community ?? subdistrict;
        if (!anchor)
          throw badRequest(`无法识别地址中的街道或社区 (no sub-district or community recognised in the address): ${filter.address}`, {
            field: 'address',
          });
        origin = { lat: anchor.lat, lng: anchor.lng };
        matched = community?.community ?? anchor.subdistrict;
      }
      const rows = venues.map((v) => ({
        ...v,
        kindLabel: VENUE_KIND_LABEL[v.kind],
        distanceKm: origin ? Math.round(haversineKm(origin, v) * 100) / 100 : undefined,
      }));
      if (origin) rows.sort((a, b) => (a.distanceKm ?? 0) - (b.distanceKm ?? 0));
      return {
        item: filter.item ? { code: filter.item, name: itemName } : undefined,
        origin,
        matchedPlace: matched,
        items: rows.slice(0, filter.limit),
        total: rows.length,
      };
    },
  };
}
export type VenuesService = ReturnType<typeof createVenuesService>;
