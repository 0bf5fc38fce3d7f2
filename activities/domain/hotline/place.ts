import gazetteer from './lianhu-gazetteer.json';

/**
 * 诉求地点 normalisation for 12345 repeat matching: one place written several ways (丰庆苑 / 丰庆路丰庆苑小区 /
 * 西安市莲湖区丰庆路12号) gets one key. Order of precedence: a known compound or market (地标), an address
 * (road + number), an enterprise (企业), a road, a 社区, a 街道. Roads are matched whole: 桃园路 and 桃园南路
 * are different roads.
 */
export interface Place {
  /** Stable key: `poi:丰庆苑`, `addr:劳动南路#118`, `org:华润万家`, `road:桃园南路`, `sq:西关正街`, `jd:西关街道`. */
  key: string;
  /** What staff see (诉求地点). */
  label: string;
  /** How precise the key is: a point (compound, address, enterprise) or an area (road, community, street). */
  precision: 'point' | 'area';
}

interface Poi {
  name: string;
  aliases: string[];
  road?: string;
  address?: string;
}

const POIS: Poi[] = [...gazetteer.markets, ...gazetteer.compounds];
const ROADS = [...gazetteer.roads].sort((a, b) => b.length - a.length);
const STREETS = gazetteer.streets.map((s) => s.name);
const COMMUNITIES = [...new Set(gazetteer.communities.map((c) => c.name))].sort((a, b) => b.length - a.length);

/** Every written form of a point of interest, longest first, with the POI it names. */
const POI_FORMS: [string, Poi][] = POIS.flatMap((p) => [p.name, ...p.aliases].map((f) => [f, p] as [string, Poi])).sort(
  (a, b) => b[0].length - a[0].length,
);
/** `丰庆路#12` → the compound at that address. */
const POI_BY_ADDRESS = new Map(POIS.filter((p) => p.address).map((p) => [addressKey(p.address as string), p]));

const DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** 一百二十三 → 123, 十二 → 12, 二十 → 20, 三零二 → 302. */
export function chineseNumber(s: string): number {
  if (!/[十百]/.test(s)) return Number([...s].map((c) => DIGITS[c] ?? c).join(''));
  let total = 0;
  let current = 0;
  for (const c of s) {
    if (c === '百') {
      total += (current || 1) * 100;
      current = 0;
    } else if (c === '十') {
      total += (current || 1) * 10;
      current = 0;
    } else current = DIGITS[c] ?? 0;
  }
  return total + current;
}

/** Full-width → half-width, Chinese numerals before 号/栋/号楼 → digits, region prefixes and filler removed. */
export function normaliseText(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/([零〇一二两三四五六七八九十百]+)(?=号|栋|幢|单元|楼)/g, (m) => String(chineseNumber(m)))
    .replace(/陕西省|陕西|西安市|西安|莲湖区/g, '')
    .replace(/\s+/g, '');
}

function addressKey(text: string): string | undefined {
  const t = normaliseText(text);
  for (const road of ROADS) {
    const m = new RegExp(`${road}(\\d+)号`).exec(t);
    if (m && !precededByLongerRoad(t, m.index, road)) return `${road}#${Number(m[1])}`;
  }
  return undefined;
}

/** 桃园南路 must not be read as 桃园路: the road found must not be part of a longer road name at that spot. */
function precededByLongerRoad(text: string, index: number, road: string): boolean {
  return ROADS.some((r) => r.length > road.length && r.includes(road) && text.includes(r, Math.max(0, index - (r.length - road.length))));
}

function findRoad(text: string): string | undefined {
  // A 街道 name (桃园路街道) names the street office, not the road.
  const t = STREETS.reduce((acc, s) => acc.split(s).join('|'), text);
  for (const road of ROADS) {
    let from = 0;
    for (let i = t.indexOf(road, from); i >= 0; i = t.indexOf(road, from)) {
      if (!precededByLongerRoad(t, i, road)) return road;
      from = i + 1;
    }
  }
  return undefined;
}

const ORG_SUFFIX = /(股份有限公司|有限责任公司|有限公司|分公司|公司|分店|门店|连锁|集团)/g;
/** Trade words dropped from an enterprise name, so its short and full names meet (鑫源餐饮管理有限公司 / 鑫源饭店). */
const ORG_TRADE =
  /(建筑劳务|劳务|装饰工程|装饰|装修队|教育培训学校|艺术培训|培训学校|教育培训|培训班|培训|健身服务|健身房|健身|物流|餐饮管理|餐饮服务|餐饮|物业服务|物业管理|房地产开发|商贸|贸易|实业|科技|置业|超市|餐厅|饭店|酒店|门诊部|大药房|药房|艺术)$/;

/** The short name of an enterprise or shop (企业/商户) named as the subject: 西安华润万家超市有限公司莲湖分公司 → 华润万家超市. */
export function orgName(subject: string): string | undefined {
  const t = normaliseText(subject)
    .replace(/[（(][^）)]*[）)]/g, '')
    .replace(/莲湖|西关|北关/g, '');
  const name = t.replace(ORG_SUFFIX, '');
  return name.length >= 2 ? name : undefined;
}

/** The key of an enterprise: its short name without trade words (鑫源餐饮 / 鑫源饭店 → 鑫源). */
export function orgKey(subject: string): string | undefined {
  let core = orgName(subject);
  for (let i = 0; core && i < 3; i++) core = core.replace(ORG_TRADE, '');
  return core && core.length >= 2 ? `org:${core}` : undefined;
}

/** A point in one text: a compound/market, or an address (a known compound's address maps to the compound). */
function pointIn(text: string): Place | undefined {
  const t = normaliseText(text);
  const form = POI_FORMS.find(([f]) => t.includes(f));
  if (form) return { key: `poi:${form[1].name}`, label: form[1].name, precision: 'point' };
  const addr = addressKey(t);
  if (addr) {
    const poi = POI_BY_ADDRESS.get(addr);
    if (poi) return { key: `poi:${poi.name}`, label: poi.name, precision: 'point' };
    return { key: `addr:${addr}`, label: addr.replace('#', '') + '号', precision: 'point' };
  }
  return undefined;
}

function areaIn(text: string): Place | undefined {
  const t = normaliseText(text);
  const road = findRoad(t);
  if (road) return { key: `road:${road}`, label: road, precision: 'area' };
  const community = COMMUNITIES.find((c) => c.length >= 2 && t.includes(c.endsWith('社区') ? c : `${c}社区`));
  if (community) return { key: `sq:${community}`, label: `${community}社区`, precision: 'area' };
  const street = STREETS.find((s) => t.includes(s));
  if (street) return { key: `jd:${street}`, label: street, precision: 'area' };
  return undefined;
}

/** The place an order is about: from its subject (诉求对象) first, else from what the caller said. */
export function placeOf(subject: string | null | undefined, content: string): Place | undefined {
  const s = subject?.trim() ? subject : undefined;
  const point = (s ? pointIn(s) : undefined) ?? (s && areaIn(s) ? undefined : pointIn(content));
  if (point) return point;
  const area = s ? areaIn(s) : undefined;
  if (area) return area;
  // A subject that names no known place is the enterprise or shop the order is about.
  const org = s ? orgKey(s) : undefined;
  if (org && s) return { key: org, label: orgName(s) as string, precision: 'point' };
  return areaIn(content);
}

/** An enterprise of `known` (place keys `org:…`) that the text names, for orders without a subject. */
export function orgMentioned(content: string, known: Place[]): Place | undefined {
  const t = normaliseText(content);
  return known.find((p) => p.key.startsWith('org:') && (t.includes(p.key.slice(4)) || t.includes(p.label)));
}

/** The 街道 of the district, for dispatch (街道办事处) and display. */
export const LIANHU_STREETS: { code: string; name: string }[] = gazetteer.streets;
export const GAZETTEER_SOURCE: string = gazetteer.source;
