import { contentDisposition } from '../../../server/materials/disposition';
import { sniffKind } from '../../../server/materials/sniff';
import { ofd, pdf, png, zipWithout } from '../../fixtures/materials/make-files';

describe('file kind by content (sniffing)', () => {
  test('when the bytes are PDF, JPEG, PNG or an OFD package, then the kind is recognised regardless of name', () => {
    expect(sniffKind(pdf())).toBe('pdf');
    expect(sniffKind(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46]))).toBe('jpg');
    expect(sniffKind(png())).toBe('png');
    expect(sniffKind(ofd())).toBe('ofd');
  });

  test('when the bytes are text, an executable or a ZIP without OFD.xml, then no kind is recognised', () => {
    expect(sniffKind(Buffer.from('hello, %PDF-1.4 later'))).toBeUndefined();
    expect(sniffKind(Buffer.from('MZ\x90\x00', 'latin1'))).toBeUndefined();
    expect(sniffKind(zipWithout())).toBeUndefined();
    expect(sniffKind(Buffer.alloc(0))).toBeUndefined();
  });
});

describe('Content-Disposition (RFC 6266 / 5987)', () => {
  test('when the file name is Chinese, then filename* carries it in UTF-8 and filename an ASCII fallback', () => {
    expect(contentDisposition('营业执照.pdf')).toBe(
      'attachment; filename="____.pdf"; filename*=UTF-8\'\'%E8%90%A5%E4%B8%9A%E6%89%A7%E7%85%A7.pdf',
    );
  });

  test('when the name has quotes or characters RFC 5987 reserves, then they are escaped', () => {
    expect(contentDisposition('a "b" (c).pdf', 'inline')).toBe(
      'inline; filename="a _b_ (c).pdf"; filename*=UTF-8\'\'a%20%22b%22%20%28c%29.pdf',
    );
  });
});
