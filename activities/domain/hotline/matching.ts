import { bigrams, classify, contentWords, isCallback } from './classify';
import { orgMentioned, placeOf, type Place } from './place';

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
  /** Word overlap needed when the two orders share only a second-best type. */
  closeTypeOverlap: number;
  source: string;
}

export const REPEAT_RULE_DEFAULTS: RepeatRule = {
  minOrders: 3,
  windowDays: 30,
  samePlaceOverlap: 0,
  sameCallerOverlap: 0.1,
  closeTypeOverlap: 0.3,
  // Shown to staff with the matter types, so in Chinese (docs/rules.md#hotline-repeats).
  source:
    '国办函〔2025〕66号《关于进一步规范和提升12345热线服务的意见》：重复诉求原则上并单处理，未规定件数和时间；' +
    '陕西省12345热线运行管理办法（2025年）建立重复诉求机制，未公布具体数值。30日内3件为本系统默认值，可按本区规定调整。',
};

/** The rule in force: the defaults with the deployment's count and window (HOTLINE_REPEAT_MIN_ORDERS, HOTLINE_REPEAT_WINDOW_DAYS). */
export function repeatRule(settings: Partial<Pick<RepeatRule, 'minOrders' | 'windowDays'>> = {}): RepeatRule {
  return { ...REPEAT_RULE_DEFAULTS, ...settings };
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
  /** The matter type (staff's correction, else the classifier's best). */
  type?: string;
  /** Types the text fits about as well (the best first). */
  types: string[];
  /** Content words and character bigrams, place names taken out. */
  words: Set<string>;
  callback: boolean;
}

/** Place, matter type, content words and callback cue of one order. */
export function profile(order: OrderIn): Profile {
  const place = placeOf(order.subject, order.content);
  const text = `${order.subject ?? ''} ${order.content}`;
  const c = classify(text);
  const type = order.matterType ?? c.code;
  const types = order.matterType ? [order.matterType] : c.close;
  let content = order.content;
  for (const name of place ? [place.label, place.key.replace(/^\w+:/, '').split('#')[0]] : []) content = content.split(name).join('，');
  const words = new Set([...contentWords(content), ...bigrams(content)]);
  return { ...order, place, type, types, words, callback: isCallback(order.content) };
}

/** An order without a place of its own that names an enterprise of the window takes that enterprise as its place. */
export function withOrgFromText(p: Profile, window: Profile[]): Profile {
  if (p.place) return p;
  const known = window.map((w) => w.place).filter((x): x is Place => !!x);
  const place = orgMentioned(p.content, known);
  return place ? { ...p, place } : p;
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
  // The best type of one is among the close types of the other.
  const typeFits = (!!b.type && a.types.includes(b.type)) || (!!a.type && b.types.includes(a.type));
  const typeDiffers = a.types.length > 0 && b.types.length > 0 && !typeFits;
  if (placeDiffers || typeDiffers) return undefined;
  const words = overlap(a.words, b.words);
  const samePlace = !!a.place && a.place.key === b.place?.key;
  // Same best type, or a type both fit about as well when the words say so too.
  const sameType = (!!a.type && a.type === b.type && words >= rule.samePlaceOverlap) || (typeFits && words >= rule.closeTypeOverlap);
  if (samePlace && sameType) return { id: b.id, kind: 'samePlace', strength: 2 + words };
  if (a.callerPhone !== b.callerPhone) return undefined;
  if (sameType && typeFits && words >= rule.sameCallerOverlap) return { id: b.id, kind: 'sameCaller', strength: 1 + words };
  // A bare callback (no type of its own, or the same type) refers back to this caller's earlier order.
  if (a.callback || b.callback) return { id: b.id, kind: 'callback', strength: (sameType ? 0.5 : 0) + words };
  return undefined;
}

/**
 * The earlier orders `order` links to. Place and type links are all kept; a callback without its own type
 * could mean any of the caller's matters, so it keeps only the strongest (then the latest) one.
 */
export function linksOf(order: Profile, earlier: Profile[], rule: RepeatRule = REPEAT_RULE_DEFAULTS): Link[] {
  const links = earlier
    .filter((e) => e.id !== order.id)
    .map((e) => linkOf(order, e, rule))
    .filter((l): l is Link => !!l);
  const firm = links.filter((l) => l.kind !== 'callback');
  if (firm.length) return firm;
  const byId = new Map(earlier.map((e) => [e.id, e]));
  const best = links.sort(
    (x, y) => y.strength - x.strength || (byId.get(y.id)?.receivedAt.getTime() ?? 0) - (byId.get(x.id)?.receivedAt.getTime() ?? 0),
  )[0];
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
  const since = (p: Profile) => p.receivedAt.getTime() - rule.windowDays * 86_400_000;
  const groupOf = new Map<string, string>();
  const members = new Map<string, Profile[]>();
  const seen: Profile[] = [];
  for (const raw of profiles) {
    const p = withOrgFromText(
      raw,
      seen.filter((s) => s.receivedAt.getTime() >= since(raw)),
    );
    const candidates = candidatesOf(p, seen);
    groupOf.set(p.id, joinGroups(p, linksOf(p, candidates, rule), groupOf, members));
    seen.push(p);
  }
  return groupOf;
}

/** Orders worth comparing with `p`: the same caller, or the same place key. */
export const candidatesOf = (p: Profile, seen: Profile[]): Profile[] =>
  seen
    .map((s) => (p.place ? withOrgFromText(s, [p]) : s))
    .filter((s) => s.callerPhone === p.callerPhone || (!!p.place && s.place?.key === p.place.key));

/**
 * Puts `p` into the group it links to most strongly (groups of another place are left out) and returns the
 * group id. Two existing groups are not folded together by one new order: they stayed apart because their
 * orders did not link, and one order that fits both is more often about one of them than proof they are one.
 */
export function joinGroups(p: Profile, links: Link[], groupOf: Map<string, string>, members: Map<string, Profile[]>): string {
  const placeOfGroup = (g: string) => groupPlace(members.get(g) ?? []);
  const best = new Map<string, number>();
  for (const l of links) {
    const g = groupOf.get(l.id) as string;
    if (p.place && placeOfGroup(g) && placeOfGroup(g) !== p.place.key) continue;
    best.set(g, Math.max(best.get(g) ?? 0, l.strength));
  }
  const target = [...best].sort((x, y) => y[1] - x[1])[0]?.[0] ?? p.id;
  members.set(target, [...(members.get(target) ?? []), p]);
  return target;
}
