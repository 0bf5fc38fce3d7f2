import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Variables } from '../../workflows/engine/model';
import type { CaseView } from '../../workflows/messages';
import type { TestStack } from './stack';

/** A BPMN fixture under test/fixtures/bpmn. */
export const bpmnFixture = (rel: string) => readFileSync(path.resolve(__dirname, '../fixtures/bpmn', rel), 'utf8');

/** Deploys a fixture as admin through the HTTP API and returns its process key. */
export async function deployFixture(stack: TestStack, rel: string): Promise<string> {
  const res = await stack.http
    .post('/api/definitions')
    .set('authorization', await stack.auth('admin'))
    .send({ xml: bpmnFixture(rel) });
  expect([200, 201]).toContain(res.status);
  return res.body.key as string;
}

/** Starts a case as window staff through the HTTP API. */
export async function startCaseAsWindow(stack: TestStack, processKey: string, variables: Variables = {}): Promise<CaseView> {
  const res = await stack.http
    .post('/api/cases')
    .set('authorization', await stack.auth('window1'))
    .send({ processKey, variables });
  expect(res.status).toBe(201);
  return res.body as CaseView;
}
