// The seal / signature step of an issued document, pluggable: production plugs in the provincial 电子签章
// service (a CA-backed signer); the demo signer only draws a visibly marked demo seal.

/** Where on the page the seal goes and what it certifies. */
export interface SealContext {
  doc: PDFKit.PDFDocument;
  x: number;
  y: number;
  issuer: string;
  number: string;
}

export interface DocumentSigner {
  /** Recorded with each document (who signed it). */
  readonly name: string;
  /** Draws the seal on the page; a real signer would also sign the finished bytes. */
  seal(ctx: SealContext): void;
}

/** 演示签章: a red ring with the issuer's name and an explicit "not a legal seal" line. */
export const demoSigner: DocumentSigner = {
  name: 'demo-signer（演示签章，不具法律效力）',
  seal({ doc, x, y, issuer }) {
    const r = 46;
    doc.save();
    doc.lineWidth(2.5).strokeColor('#c8102e').circle(x, y, r).stroke();
    doc
      .fillColor('#c8102e')
      .fontSize(14)
      .text('★', x - 7, y - 10, { lineBreak: false });
    doc.fontSize(8).text(issuer.slice(0, 12), x - r + 6, y - r + 14, { width: 2 * r - 12, align: 'center' });
    doc.fontSize(8).text('演示签章', x - r + 6, y + 12, { width: 2 * r - 12, align: 'center' });
    doc
      .fontSize(7)
      .fillColor('#595959')
      .text('演示签章，不具法律效力', x - 60, y + r + 4, { width: 120, align: 'center' });
    doc.restore();
  },
};

let current: DocumentSigner = demoSigner;
/** The signer in force (replace with a CA-backed one outside the demo). */
export const documentSigner = (): DocumentSigner => current;
export function useDocumentSigner(signer: DocumentSigner): void {
  current = signer;
}
