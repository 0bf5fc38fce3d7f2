// Form items from a catalogue form definition (一表申请): each field once, typed, with its validation.
import { DatePicker, Form, Input, InputNumber, Select, Switch } from 'antd';

export interface FieldDef {
  key: string;
  label: string;
  type: 'string' | 'number' | 'date' | 'boolean' | 'enum' | 'id-number' | 'phone';
  required?: boolean;
  options?: string[];
}

const ID_NUMBER = /^\d{17}[\dXx]$/;
const PHONE = /^1\d{10}$|^0\d{2,3}-?\d{7,8}$/;

export function FieldItems({ fields }: { fields: FieldDef[] }) {
  return (
    <>
      {fields.map((f, i) => {
        // A switch always holds true or false (it shows 否 until turned on), so it is never "missing";
        // choices and dates are chosen, not typed: 请选择.
        const verb = f.type === 'enum' || f.type === 'date' ? '请选择' : '请填写';
        const rules: object[] = f.required === false || f.type === 'boolean' ? [] : [{ required: true, message: `${verb}${f.label}` }];
        if (f.type === 'id-number') rules.push({ pattern: ID_NUMBER, message: '请填写 18 位公民身份号码' });
        if (f.type === 'phone') rules.push({ pattern: PHONE, message: '请填写有效的手机号或座机号' });
        const input =
          f.type === 'number' ? (
            <InputNumber style={{ width: 200, maxWidth: '100%' }} inputMode="decimal" />
          ) : f.type === 'date' ? (
            <DatePicker placeholder="请选择日期" inputReadOnly />
          ) : f.type === 'boolean' ? (
            <Switch checkedChildren="是" unCheckedChildren="否" />
          ) : f.type === 'enum' ? (
            <Select
              style={{ maxWidth: 320, width: '100%' }}
              placeholder="请选择"
              options={(f.options ?? []).map((o) => ({ value: o, label: o }))}
            />
          ) : (
            <Input maxLength={200} autoFocus={i === 0} inputMode={f.type === 'phone' ? 'tel' : undefined} />
          );
        return (
          <Form.Item
            key={f.key}
            name={f.key}
            label={f.label}
            rules={rules}
            valuePropName={f.type === 'boolean' ? 'checked' : 'value'}
            initialValue={f.type === 'boolean' ? false : undefined}
          >
            {input}
          </Form.Item>
        );
      })}
    </>
  );
}

/** Turns form values into JSON variables (dates as YYYY-MM-DD). */
export function toVariables(values: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(values)) {
    if (v === undefined) continue;
    out[k] = v && typeof v === 'object' && 'format' in (v as object) ? (v as { format(f: string): string }).format('YYYY-MM-DD') : v;
  }
  return out;
}
