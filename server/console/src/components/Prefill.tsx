// Fills the applicant's name, ID number and phone from the signed-in identity (实名认证), once, without overwriting.
import { useEffect } from 'react';
import type { FormInstance } from 'antd';
import { api } from '../lib/api';
import type { FieldDef } from './FieldsForm';

interface Identity {
  name: string;
  idNumber: string | null;
  phone: string | null;
}

let cached: Promise<Identity | null> | undefined;
export const myIdentity = () => (cached ??= api.get<Identity>('/api/me/identity').catch(() => null));

/** Which identity value a form field takes, by its type and label. */
function valueFor(f: FieldDef, id: Identity): string | null {
  if (f.type === 'id-number') return id.idNumber;
  if (f.type === 'phone') return id.phone;
  if (/姓名|申请人$|法定代表人$|联系人$/.test(f.label) && f.type === 'string') return id.name;
  return null;
}

export function usePrefill(form: FormInstance, fields: FieldDef[]) {
  const keys = fields.map((f) => f.key).join(',');
  useEffect(() => {
    if (!fields.length) return;
    let live = true;
    void myIdentity().then((id) => {
      if (!live || !id) return;
      const patch: Record<string, string> = {};
      for (const f of fields) {
        const v = valueFor(f, id);
        if (v && !form.getFieldValue(f.key)) patch[f.key] = v;
      }
      form.setFieldsValue(patch);
    });
    return () => {
      live = false;
    };
  }, [keys]);
}
