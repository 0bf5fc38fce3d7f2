import type { FileKind } from './config';

export const CONTENT_TYPES: Record<FileKind, string> = {
  pdf: 'application/pdf',
  jpg: 'image/jpeg',
  png: 'image/png',
  ofd: 'application/ofd',
};

const startsWith = (buf: Buffer, bytes: number[]) => buf.length >= bytes.length && bytes.every((b, i) => buf[i] === b);

/**
 * The file's kind from its first bytes, whatever its name or declared type says: a renamed .exe
 * is not a PDF. OFD is a ZIP package whose root holds OFD.xml (GB/T 33190-2016 §7.2); the entry
 * name sits in a local file header near the start, so looking at the first 64 KB is enough for a
 * package written the usual way and stays cheap.
 */
export function sniffKind(buf: Buffer): FileKind | undefined {
  if (startsWith(buf, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'pdf'; // %PDF-
  if (startsWith(buf, [0xff, 0xd8, 0xff])) return 'jpg';
  if (startsWith(buf, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (startsWith(buf, [0x50, 0x4b, 0x03, 0x04]) && hasZipEntry(buf.subarray(0, 64 * 1024), 'OFD.xml')) return 'ofd';
  return undefined;
}

/** Does a ZIP's local file header name this entry (case-insensitive, at the package root)? */
function hasZipEntry(buf: Buffer, name: string): boolean {
  const want = name.toLowerCase();
  for (
    let at = buf.indexOf('PK\u0003\u0004', 0, 'latin1');
    at >= 0 && at + 30 <= buf.length;
    at = buf.indexOf('PK\u0003\u0004', at + 4, 'latin1')
  ) {
    const nameLength = buf.readUInt16LE(at + 26);
    const entry = buf
      .subarray(at + 30, at + 30 + nameLength)
      .toString('utf8')
      .toLowerCase();
    if (entry === want) return true;
  }
  return false;
}
