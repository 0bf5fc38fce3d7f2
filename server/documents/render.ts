// Renders an issued document as A4 PDF with an embedded subset of Noto Sans SC, the case number,
// a verification code, a QR code opening the public lookup, and the signer's seal.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import type { DocumentSigner } from './signer';

const require_ = createRequire(__filename);
let font: Buffer | undefined;
/** The shipped Noto Sans SC (SIL OFL); pdfkit embeds only the glyphs a document uses. */
function fontBytes(): Buffer {
  font ??= readFileSync(require_.resolve('@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf'));
  return font;
}

export interface DocumentSpec {
  title: string;
  issuer: string;
  number: string;
  caseId: string;
  verifyCode: string;
  /** Addressee line, e.g. "张三：". */
  to?: string;
  paragraphs: string[];
  /** Label / value rows (办件信息). */
  fields: [string, string][];
  /** Numbered list (e.g. every missing material of a 一次性告知书). */
  list?: { heading: string; items: string[] };
  /** Legal basis in words, e.g. 《中华人民共和国行政许可法》第三十二条. */
  basis?: string;
  issuedAt: Date;
  lookupUrl: string;
}

const dateText = (d: Date) =>
  new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', year: 'numeric', month: 'long', day: 'numeric' }).format(d);

export async function renderDocument(spec: DocumentSpec, signer: DocumentSigner): Promise<Buffer> {
  const qr = await QRCode.toBuffer(spec.lookupUrl, { margin: 1, width: 240, errorCorrectionLevel: 'M' });
  const doc = new PDFDocument({
    size: 'A4',
    margin: 56,
    info: { Title: spec.title, Author: spec.issuer, Subject: spec.number },
    pdfVersion: '1.7',
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));

  doc.registerFont('cn', fontBytes());
  doc.font('cn');
  const width = doc.page.width - 112;
  doc.fontSize(13).fillColor('#000').text(spec.issuer, { align: 'center' });
  doc.moveDown(0.4).fontSize(22).text(spec.title, { align: 'center' });
  doc.moveDown(0.3).fontSize(10).fillColor('#333').text(`文书编号：${spec.number}`, { align: 'center' });
  doc.moveDown(1).fillColor('#000').fontSize(12);
  if (spec.to) doc.text(spec.to).moveDown(0.4);
  for (const p of spec.paragraphs) doc.text(p, { indent: 24, lineGap: 4 }).moveDown(0.4);
  if (spec.list) {
    doc.moveDown(0.2).text(spec.list.heading, { lineGap: 4 });
    spec.list.items.forEach((it, i) => doc.text(`${i + 1}. ${it}`, { indent: 24, lineGap: 4 }));
    doc.moveDown(0.4);
  }
  if (spec.basis) doc.text(`依据：${spec.basis}`, { lineGap: 4 }).moveDown(0.4);
  doc.moveDown(0.4).fontSize(11);
  for (const [label, value] of spec.fields) doc.text(`${label}：${value}`, { width, lineGap: 3 });

  // Footer block: QR and verification on the left, seal and date on the right.
  const top = Math.max(doc.y + 24, doc.page.height - 250);
  doc.image(qr, 56, top, { width: 110 });
  doc
    .fontSize(9)
    .fillColor('#333')
    .text('扫码查询办理进度、核验本文书', 56, top + 114, { width: 200 })
    .text(`办件编号：${spec.caseId}`, { width: 260 })
    .text(`验证码：${spec.verifyCode}`, { width: 260 });
  const sx = doc.page.width - 150;
  signer.seal({ doc, x: sx, y: top + 50, issuer: spec.issuer, number: spec.number });
  doc
    .fontSize(11)
    .fillColor('#000')
    .text(dateText(spec.issuedAt), sx - 70, top + 125, { width: 140, align: 'center' });
  doc.end();
  return done;
}
