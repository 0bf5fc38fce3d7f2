import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Variables } from '../../workflows/engine/model';
import { badRequest } from '../errors';

/**
 * Validation of a user task's submitted variables against its form (form-js JSON, as Camunda Modeler
 * saves it) under `<DEFINITIONS_DIR>/forms/<formKey>.form.json`. Only what the form declares is
 * checked: required fields, value types per component, options, numeric and length limits, patterns.
 */

interface FormComponent {
  type: string;
  key?: string;
  label?: string;
  components?: FormComponent[];
  values?: { value: unknown; label?: string }[];
  validate?: { required?: boolean; min?: number; max?: number; minLength?: number; maxLength?: number; pattern?: string };
}

export interface FormSchema {
  id?: string;
  components: FormComponent[];
}

export interface FieldProblem {
  field: string;
  message: string;
}

/** Components that hold no value (display and layout only). */
const DISPLAY_ONLY = new Set(['text', 'html', 'image', 'button', 'spacer', 'separator', 'iframe', 'table', 'documentPreview']);
const STRING_TYPES = new Set(['textfield', 'textarea', 'datetime', 'expression']);

function fields(components: FormComponent[]): FormComponent[] {
  return components.flatMap((c) => (c.components ? fields(c.components) : c.key && !DISPLAY_ONLY.has(c.type) ? [c] : []));
}

const isEmpty = (v: unknown) => v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);

function checkType(c: FormComponent, value: unknown): string | undefined {
  switch (c.type) {
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? undefined : '必须是数字 (must be a number)';
    case 'checkbox':
      return typeof value === 'boolean' ? undefined : '必须是是/否 (must be true or false)';
    case 'checklist':
    case 'taglist':
      return Array.isArray(value) ? undefined : '必须是列表 (must be a list)';
    case 'select':
    case 'radio':
      return undefined; // checked against the options below
    default:
      return STRING_TYPES.has(c.type) && typeof value !== 'string' ? '必须是文本 (must be text)' : undefined;
  }
}

/** Problems with `variables` against `form`, one per field; empty when valid. */
export function validateAgainstForm(form: FormSchema, variables: Variables): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const c of fields(form.components ?? [])) {
    const key = c.key as string;
    const value = variables[key];
    const name = c.label ? `${c.label} (${key})` : key;
    const add = (message: string) => problems.push({ field: key, message: `${name}: ${message}` });
    if (isEmpty(value)) {
      if (c.validate?.required) add('必填 (required)');
      continue;
    }
    const typeProblem = checkType(c, value);
    if (typeProblem) {
      add(typeProblem);
      continue;
    }
    const options = c.values?.map((o) => o.value);
    if (options?.length) {
      const chosen = Array.isArray(value) ? value : [value];
      const bad = chosen.filter((v) => !options.includes(v));
      if (bad.length)
        add(
          `不在可选范围内 (not one of ${options.map((o) => JSON.stringify(o)).join(', ')}): ${bad.map((b) => JSON.stringify(b)).join(', ')}`,
        );
    }
    const v = c.validate ?? {};
    if (typeof value === 'number') {
      if (v.min !== undefined && value < v.min) add(`不能小于 ${v.min} (must be ≥ ${v.min})`);
      if (v.max !== undefined && value > v.max) add(`不能大于 ${v.max} (must be ≤ ${v.max})`);
    }
    if (typeof value === 'string') {
      if (v.minLength !== undefined && value.length < v.minLength) add(`至少 ${v.minLength} 个字 (at least ${v.minLength} characters)`);
      if (v.maxLength !== undefined && value.length > v.maxLength) add(`最多 ${v.maxLength} 个字 (at most ${v.maxLength} characters)`);
      if (v.pattern && !new RegExp(v.pattern).test(value)) add(`格式不正确 (does not match ${v.pattern})`);
    }
  }
  return problems;
}

/** `camunda-forms:bpmn:x` (embedded-form style keys) and plain ids both name the file `x.form.json`. */
export function formFileName(formKey: string): string {
  const key = formKey.split(':').pop() ?? formKey;
  if (!/^[\w.-]+$/.test(key)) throw badRequest(`表单标识不合法 (invalid form key): ${formKey}`);
  return `${key}.form.json`;
}

/** Loads forms from a directory, caching each by key; a form that does not exist there is not checked. */
export function createFormRegistry(formsDir: string) {
  const cache = new Map<string, FormSchema | null>();
  const load = (formKey: string): FormSchema | null => {
    if (!cache.has(formKey)) {
      const file = path.join(formsDir, formFileName(formKey));
      cache.set(formKey, existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as FormSchema) : null);
    }
    return cache.get(formKey) ?? null;
  };
  return {
    load,
    /** Throws 400 with one detail per field when the submitted variables do not satisfy the form. */
    assertValid(formKey: string | null | undefined, variables: Variables): void {
      if (!formKey) return;
      const form = load(formKey);
      if (!form) return;
      const problems = validateAgainstForm(form, variables);
      if (problems.length)
        throw badRequest(`表单填写不完整或有误 (form ${formKey} is not valid): ${problems.map((p) => p.message).join('; ')}`, {
          fields: problems,
        });
    },
  };
}
