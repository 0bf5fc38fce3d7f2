import path from 'node:path';
import { createFormRegistry, formFileName, validateAgainstForm, type FormSchema } from '../../../server/services/task-forms';
import { etagOf, versionFromIfMatch } from '../../../server/services/tasks.service';

const form: FormSchema = {
  components: [
    { type: 'text', key: 'intro' },
    { type: 'textfield', key: 'name', label: '姓名', validate: { required: true, maxLength: 4 } },
    { type: 'number', key: 'age', validate: { min: 18, max: 70 } },
    { type: 'checkbox', key: 'agree', validate: { required: true } },
    { type: 'select', key: 'district', values: [{ value: 'lianhu' }, { value: 'beilin' }] },
    { type: 'checklist', key: 'docs', values: [{ value: 'id' }, { value: 'licence' }] },
    { type: 'group', components: [{ type: 'textfield', key: 'phone', validate: { pattern: '^1\\d{10}$' } }] },
  ],
};

describe('form-js validation of submitted task variables', () => {
  it('when every field is valid, then there are no problems', () => {
    expect(
      validateAgainstForm(form, { name: '张三', age: 30, agree: true, district: 'lianhu', docs: ['id'], phone: '13800000000' }),
    ).toEqual([]);
  });

  it('when fields are missing, mistyped, out of range or off-pattern, then each is reported by key', () => {
    const problems = validateAgainstForm(form, {
      name: '欧阳司马光',
      age: 12,
      agree: 'yes',
      district: 'yanta',
      docs: ['passport'],
      phone: '12345',
    });
    expect(problems.map((p) => p.field)).toEqual(['name', 'age', 'agree', 'district', 'docs', 'phone']);
    expect(problems[0].message).toContain('姓名');
    expect(validateAgainstForm(form, {}).map((p) => p.field)).toEqual(['name', 'agree']);
    expect(validateAgainstForm(form, { name: 'x', agree: true, age: '30' })[0]).toMatchObject({ field: 'age' });
  });

  it('when the product form approval-decision is loaded, then a missing decision is a 400 naming the field', () => {
    const registry = createFormRegistry(path.resolve(__dirname, '../../../definitions/forms'));
    expect(registry.load('camunda-forms:bpmn:approval-decision')).not.toBeNull();
    expect(() => registry.assertValid('approval-decision', { opinion: '同意' })).toThrow(/decision/);
    expect(() => registry.assertValid('approval-decision', { decision: 'approved', opinion: '同意' })).not.toThrow();
    expect(() => registry.assertValid('no-such-form', {})).not.toThrow();
    expect(() => formFileName('../etc/passwd')).toThrow(/invalid form key/);
  });
});

describe('ETag and If-Match', () => {
  it('when a version is sent back in If-Match, then strong, weak and bare forms parse, * means any, junk is refused', () => {
    expect(etagOf(4)).toBe('"4"');
    expect(versionFromIfMatch('"4"')).toBe(4);
    expect(versionFromIfMatch('W/"4"')).toBe(4);
    expect(versionFromIfMatch('4')).toBe(4);
    expect(versionFromIfMatch('*')).toBeUndefined();
    expect(versionFromIfMatch(undefined)).toBeUndefined();
    expect(() => versionFromIfMatch('"abc"')).toThrow(/If-Match/);
  });
});
