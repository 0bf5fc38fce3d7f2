import type { FormField } from './schema';

export interface JointField extends FormField {
  /** Items that ask this field: the joint form asks it once for all of them. */
  itemCodes: string[];
}

/** One joint form (一表申请): each field once, in the order the bundle's items first ask it. */
export function mergeForm(items: { code: string; formFields: FormField[] }[]): JointField[] {
  const merged = new Map<string, JointField>();
  for (const item of items) {
    for (const field of item.formFields) {
      const prev = merged.get(field.key);
      if (prev) {
        prev.itemCodes.push(item.code);
        prev.required ||= field.required;
      } else merged.set(field.key, { ...field, itemCodes: [item.code] });
    }
  }
  return [...merged.values()];
}

const ID_NUMBER = /^\d{17}[\dXx]$/;
const PHONE = /^(1\d{10}|0\d{2,3}-?\d{7,8})$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Checks the applicant's answers against the joint form; every problem at once (一次告知). */
export function validateJointForm(fields: JointField[], values: Record<string, unknown>): { field: string; message: string }[] {
  const issues: { field: string; message: string }[] = [];
  for (const f of fields) {
    const v = values[f.key];
    if (v === undefined || v === null || v === '') {
      if (f.required) issues.push({ field: f.key, message: `请填写${f.label} (required)` });
      continue;
    }
    const bad = (why: string) => issues.push({ field: f.key, message: `${f.label}${why}` });
    switch (f.type) {
      case 'number':
        if (typeof v !== 'number' || !Number.isFinite(v)) bad('须为数字 (must be a number)');
        break;
      case 'boolean':
        if (typeof v !== 'boolean') bad('须为是/否 (must be true or false)');
        break;
      case 'date':
        if (typeof v !== 'string' || !DATE.test(v) || Number.isNaN(Date.parse(v))) bad('须为日期 YYYY-MM-DD (must be a date)');
        break;
      case 'id-number':
        if (typeof v !== 'string' || !ID_NUMBER.test(v)) bad('须为18位身份证号 (must be an 18-character ID number)');
        break;
      case 'phone':
        if (typeof v !== 'string' || !PHONE.test(v)) bad('须为手机或固定电话号码 (must be a phone number)');
        break;
      case 'enum':
        if (typeof v !== 'string' || !(f.options ?? []).includes(v)) bad(`须为以下之一：${(f.options ?? []).join('、')}`);
        break;
      default:
        if (typeof v !== 'string') bad('须为文本 (must be text)');
    }
  }
  return issues;
}
