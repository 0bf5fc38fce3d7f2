// Reads the text of a PDF written by pdfkit, in pure JS: inflate the streams, read the fonts'
// ToUnicode maps, then decode the hex strings shown by Tj / TJ. Enough to assert what a document says.
import { inflateSync } from 'node:zlib';

function streams(pdf: Buffer): string[] {
  const out: string[] = [];
  const text = pdf.toString('latin1');
  const re = /stream\r?\n/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    const start = m.index + m[0].length;
    const end = text.indexOf('endstream', start);
    if (end < 0) break;
    const raw = pdf.subarray(start, end);
    try {
      out.push(inflateSync(raw).toString('latin1'));
    } catch {
      out.push(raw.toString('latin1'));
    }
    re.lastIndex = end + 'endstream'.length;
  }
  return out;
}

function cmapOf(s: string, map: Map<string, string>) {
  const hexToStr = (h: string) => String.fromCodePoint(...(h.match(/.{4}/g) ?? []).map((x) => parseInt(x, 16)));
  for (const block of s.match(/beginbfchar[\s\S]*?endbfchar/g) ?? [])
    for (const [, src, dst] of block.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>/g))
      map.set(src.toLowerCase().padStart(4, '0'), hexToStr(dst));
  for (const block of s.match(/beginbfrange[\s\S]*?endbfrange/g) ?? []) {
    for (const [, lo, hi, rest] of block.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*(\[[^\]]*\]|<[0-9a-fA-F]+>)/g)) {
      const a = parseInt(lo, 16);
      const b = parseInt(hi, 16);
      const list = rest.startsWith('[') ? [...rest.matchAll(/<([0-9a-fA-F]+)>/g)].map((x) => x[1]) : undefined;
      for (let c = a; c <= b; c++) {
        const dst = list ? list[c - a] : (parseInt(rest.slice(1, -1), 16) + (c - a)).toString(16).padStart(4, '0');
        if (dst) map.set(c.toString(16).padStart(4, '0'), hexToStr(dst));
      }
    }
  }
}

/** The document's text, lines joined by newlines (glyph runs in drawing order). */
export function pdfText(pdf: Buffer): string {
  const all = streams(pdf);
  const map = new Map<string, string>();
  for (const s of all) if (s.includes('begincmap')) cmapOf(s, map);
  const lines: string[] = [];
  for (const s of all) {
    if (!/\bBT\b/.test(s)) continue;
    for (const [, arr] of s.matchAll(/\[((?:<[0-9a-fA-F]*>|[^\]])*)\]\s*TJ|(<[0-9a-fA-F]*>)\s*Tj/g)) {
      const hexes = [...(arr ?? '').matchAll(/<([0-9a-fA-F]*)>/g)].map((x) => x[1]);
      lines.push(hexes.map((h) => (h.match(/.{4}/g) ?? []).map((g) => map.get(g.toLowerCase()) ?? '').join('')).join(''));
    }
    for (const [, one] of s.matchAll(/(?<!\[[^\]]*)<([0-9a-fA-F]+)>\s*Tj/g))
      lines.push((one.match(/.{4}/g) ?? []).map((g) => map.get(g.toLowerCase()) ?? '').join(''));
  }
  return lines.join('\n');
}
