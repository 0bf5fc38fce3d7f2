import { readFileSync } from 'node:fs';
import path from 'node:path';
import { lintDefinition } from '../../../activities/bpmn/lint';

const fixture = (rel: string) => readFileSync(path.resolve(__dirname, '../../fixtures/bpmn', rel), 'utf8');

describe('bpmnlint with our rules (definitions/.bpmnlintrc)', () => {
  test('when a script task is JavaScript, then haoban/feel-script reports it by id', async () => {
    const { errors } = await lintDefinition(fixture('lint/invalid-js-script.bpmn'));
    expect(errors).toEqual([expect.objectContaining({ elementId: 'js', message: expect.stringContaining('[haoban/feel-script]') })]);
  });

  test('when a conditional event and a service task without a type appear, then both are errors naming their elements', async () => {
    const { errors } = await lintDefinition(fixture('lint/invalid-conditional-event.bpmn'));
    expect(errors.map((e) => e.elementId).sort()).toEqual(['svc', 'wait']);
  });

  test('when the shipped definitions are linted, then none has an error from our rules', async () => {
    const dir = path.resolve(__dirname, '../../../definitions/processes');
    const { readdirSync } = await import('node:fs');
    const files = readdirSync(dir).filter((f) => f.endsWith('.bpmn'));
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) expect((await lintDefinition(readFileSync(path.join(dir, file), 'utf8'))).errors).toEqual([]);
  });

  test('when a valid engine fixture is linted, then recommended-rule findings are only warnings', async () => {
    const { errors, warnings } = await lintDefinition(fixture('tasks/valid-feel-tasks.bpmn'));
    expect(errors).toEqual([]);
    expect(warnings.length).toBeGreaterThan(0);
  });
});
