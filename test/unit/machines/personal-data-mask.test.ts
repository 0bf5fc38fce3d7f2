import { maskIdNumber, maskPersonal, maskPhone, personalKindOf } from '../../../server/privacy/mask';

describe('masking phone and ID numbers', () => {
  it('keeps the first three and last four digits of a phone and the region code and last four of an ID number', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskIdNumber('61010419900101123X')).toBe('610104********123X');
  });

  it('masks every phone and ID key at any depth and leaves other fields alone', () => {
    const masked = maskPersonal({
      applicantName: '张三',
      contactPhone: '13812345678',
      motherIdNumber: '61010419900101123X',
      applicant: { name: '何女士', phone: '13900001234' },
      shopName: '好味面馆',
      rows: [{ callerPhone: '13700000000' }],
    });
    expect(masked).toEqual({
      applicantName: '张三',
      contactPhone: '138****5678',
      motherIdNumber: '610104********123X',
      applicant: { name: '何女士', phone: '139****1234' },
      shopName: '好味面馆',
      rows: [{ callerPhone: '137****0000' }],
    });
  });

  it('recognises phone and ID keys but not look-alikes', () => {
    expect(personalKindOf('callerPhone')).toBe('phone');
    expect(personalKindOf('fatherIdNumber')).toBe('id');
    expect(personalKindOf('shopName')).toBeUndefined();
    expect(personalKindOf('title')).toBeUndefined();
  });
});
