import { classify, contentWords, isCallback } from './classify';
import { placeOf, type Place } from './place';

/**
 * 12345 重复诉求 linking. Candidates are orders of the window with the same place key or the same caller. A pair
 * links when place and matter type agree and the words are compatible, or when the same caller refers back
 * (又/上次/还是那个 …) with a compatible type. Same place with another type, or the same caller about another
 * matter, never links; a group never holds two places.
 */
export interface RepeatRule {
  /** This many orders about one matter (the new one included) are 并单 into one group. */
  minOrders: number;
  /** Orders older than this many natural days are not compared. */
  windowDays: number;
  /** Word overlap (Dice) at or above which two orders at one place of one type are about the same matter. */
  samePlaceOverlap: number;
  /** Word overlap for the same caller, same type, without a callback cue. */
  sameCallerOverlap: number;
  source: string;
}

export const REPEAT_RULE_DEFAULTS: RepeatRule = {
  minOrders: 3,
  windowDays: 30,
  samePlaceOverlap: 0,
  sameCallerOverlap: 0.1,
  source:
    '国办函〔2025〕66号《关于进一步规范和提升12345热线服务的意见》: 重复诉求原则上并单处理 (no national count or window); ' +
    '陕西省12345热线运行管理办法 (2025) sets up a 重复诉求 mechanism without published figures. 3 orders in 30 days are engine defaults, ' +
    'configurable with HOTLINE_REPEAT_MIN_ORDERS and HOTLINE_REPEAT_WINDOW_DAYS.',
};

/** Reads overrides from the environment (HOTLINE_REPEAT_MIN_ORDERS, HOTLINE_REPEAT_WINDOW_DAYS). */
export function repeatRule(env: NodeJS.ProcessEnv = process.env): RepeatRule {
  const num = (v: string | undefined, d: number) => (v === undefined || v === '' || !Number.isFinite(Number(v)) ? d : Number(v));
  return { ...REPEAT_RULE_DEFAULTS, minOrders: num(env.HOTLINE_REPEAT_MIN_ORDERS, 3), windowDays: num(env.HOTLINE_REPEAT_WINDOW_DAYS, 30) };
}

export interface OrderIn {
  id: string;
  callerPhone: string;
  subject?: string | null;
  content: string;
  receivedAt: Date;
  /** A matter type staff set by hand wins over the classifier. */
  matterType?: string | null;
}

export interface Profile extends OrderIn {
  place?: Place;
  type?: string;
  words: Set<string>;
  callback: boolean;
}

/** Place, matter type, content words and callback cue of one order. */
export function profile(order: OrderIn): Profile {
  const place = placeOf(order.subject, order.content);
  const text = `${order.subject ?? ''} ${order.content}`;
  const type = order.matterType ?? classify(text).code;
  const words = contentWords(order.content);
  if (place) for (const w of [...words]) if (place.label.includes(w) || w.includes(place.label)) words.delete(w);
  return { ...order, place, type, words, callback: isCallback(order.content) };
}

export function overlap(a: Set<string>, b: Set<string>): number {
  if (!a.size || !b.size) return 0;
  let shared = 0;
  for (const w of a) if (b.has(w)) shared++;
  return (2 * shared) / (a.size + b.size);
}

export type Link = { id: string; kind: 'samePlace' | 'sameCaller' | 'callback'; strength: number };

/** Why (or whether) `b`, an earlier order, is the same matter as `a`. */
export function linkOf(a: Profile, b: Profile, rule: RepeatRule = REPEAT_RULE_DEFAULTS): Link | undefined {
  if (Math.abs(a.receivedAt.getTime() - b.receivedAt.getTime()) > rule.windowDays * 86_400_000) return undefined;
  const placeDiffers = !!a.place && !!b.place && a.place.key !== b.place.key;
  const typeDiffers = !!a.type && !!b.type && a.type !== b.type;
  if (placeDiffers || typeDiffers) return undefined;
  const words = overlap(a.words, b.words);
  const samePlace = !!a.place && a.place.key === b.place?.key;
  const sameType = !!a.type && a.type === b.type;
  if (samePlace && sameType && words >= rule.samePlaceOverlap) return { id: b.id, kind: 'samePlace', strength: 2 + words };
  if (a.callerPhone !== b.callerPhone) return undefined;
  if (sameType && words >= rule.sameCallerOverlap) return { id: b.id, kind: 'sameCaller', strength: 1 + words };
  // A bare callback (no type of its own, or the same type) refers back to this caller's earlier order.
  if (a.callback || b.callback) return { id: b.id, kind: 'callback', strength: (sameType ? 0.5 : 0) + words };
  return undefined;
}

/**
 * The earlier orders `order` links to. Place and type links are all kept; a callback without its own type
 * could mean any of the caller's matters, so it keeps only the strongest (then the latest) one.
 */
export function linksOf(order: Profile, earlier: Profile[], rule: RepeatRule = REPEAT_RULE_DEFAULTS): Link[] {
  const links = earlier.filter((e) => e.id !== order.id).map((e) => linkOf(order, e, rule)).filter((l): l is Link => !!l);
  const firm = links.filter((l) => l.kind !== 'callback');
  if (firm.length) return firm;
  const byId = new Map(earlier.map((e) => [e.id, e]));
  const best = links.sort((x, y) => y.strength - x.strength || (byId.get(y.id)?.receivedAt.getTime() ?? 0) - (byId.get(x.id)?.receivedAt.getTime() ?? 0))[0];
  return best ? [best] : [];
}

/** The place key of a group, if any: a group may hold orders without a place but never two places. */
export function groupPlace(members: Profile[]): string | undefined {
  return members.find((m) => m.place)?.place?.key;
}

/**
 * Groups a stream of orders as intake does, one by one in time order: each order joins the groups of the
 * orders it links to, unless that would put two places in one group.
 */
export function groupOrders(orders: OrderIn[], rule: RepeatRule = REPEAT_RULE_DEFAULTS): Map<string, string> {
  const profiles = [...orders].sort((a, b) => a.receivedAt.getTime() - b.receivedAt.getTime()).map(profile);
  const groupOf = new Map<string, string>();
  const members = new Map<string, Profile[]>();
  const seen: Profile[] = [];
  for (const p of profiles) {
    const candidates = seen.filter((s) => s.callerPhone === p.callerPhone || (!!p.place && s.place?.key === p.place.key));
    const joined = joinGroups(p, linksOf(p, candidates, rule).map((l) => groupOf.get(l.id) as string), members);
    groupOf.set(p.id, joined);
    for (const m of members.get(joined) ?? []) groupOf.set(m.id, joined);
    seen.push(p);
  }
  return groupOf;
}

/** Puts `p` into the first linked group and folds in the others whose place agrees; returns the group id. */
export function joinGroups(p: Profile, linked: string[], members: Map<string, Profile[]>): string {
  const groups = [...new Set(linked)];
  const target = groups[0] ?? p.id;
  const into = members.get(target) ?? [];
  into.push(p);
  for (const g of groups.slice(1)) {
    const other = members.get(g) ?? [];
    const a = groupPlace(into);
    const b = groupPlace(other);
    if (a && b && a !== b) continue;
    into.push(...other);
    members.delete(g);
  }
  members.set(target, into);
  return target;
}
