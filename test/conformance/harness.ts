import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Client, Connection, type WorkflowHandle } from '@temporalio/client';
import type { DefinitionProblem } from '../../activities/bpmn/compile-process';
import type { ServiceTaskHandler } from '../../activities/service-tasks/registry';
import type { Variables } from '../../workflows/engine/model';
import {
  advanceClockSignal,
  broadcastSignalSignal,
  caseStateQuery,
  completeTaskUpdate,
  deliverMessageSignal,
  syncUpdate,
  type CaseView,
} from '../../workflows/messages';
import type { TestStack } from '../helpers/stack';

/** The corpus lives outside the repository: CONFORMANCE_DIR, else ../shared/conformance next to it. */
export const CONFORMANCE_DIR = process.env.CONFORMANCE_DIR ?? path.resolve(__dirname, '../../../shared/conformance');

export function corpusFile(rel: string): string {
  const file = path.join(CONFORMANCE_DIR, 'bpmn', rel);
  if (!existsSync(file)) throw new Error(`conformance file missing: ${file} (set CONFORMANCE_DIR)`);
  return readFileSync(file, 'utf8');
}

// ---- dialect translation (MANIFEST.md "Mapping the peer dialects"): in memory, files untouched ----------

/** JUEL `${…}`/`#{…}` → FEEL `=…` for the patterns the corpus uses. */
export function juelToFeel(expr: string): string {
  return (
    '=' +
    expr
      .replace(/\bnrOfCompletedInstances\b/g, 'numberOfCompletedInstances')
      .replace(/\bnrOfInstances\b/g, 'numberOfInstances')
      .replace(/\bnrOfActiveInstances\b/g, 'numberOfActiveInstances')
      .replace(/==/g, '=')
      .replace(/\|\|/g, ' or ')
      .replace(/&&/g, ' and ')
      .replace(/!(\w+)/g, 'not($1)')
      .replace(/'([^']*)'/g, '"$1"')
      .trim()
  );
}

/** Rewrites every JUEL expression in conditions, cardinalities and completion conditions. */
export function translateJuel(xml: string): string {
  return xml.replace(
    /(<(?:\w+:)?(?:conditionExpression|loopCardinality|completionCondition)\b[^>]*>)\s*(?:<!\[CDATA\[)?\s*[$#]\{([\s\S]*?)\}\s*(?:\]\]>)?\s*(<\/)/g,
    (_m, open: string, body: string, close: string) => `${open}${escapeXml(juelToFeel(body))}${close}`,
  );
}

function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Declares the zeebe namespace on the root element so injected extensions parse. */
export function withZeebe(xml: string): string {
  if (xml.includes('http://camunda.org/schema/zeebe/1.0')) return xml;
  return xml.replace(/<((?:\w+:)?definitions)\b/, '<$1 xmlns:zeebe="http://camunda.org/schema/zeebe/1.0"');
}

/** Puts `<extensionElements>` with `inner` right after the opening tag of element `id`. */
export function injectExtension(xml: string, id: string, inner: string): string {
  const re = new RegExp(`(<(\\w+:)?\\w+\\b[^>]*\\bid="${id}"[^>]*?)(/?)>`);
  const m = re.exec(xml);
  if (!m) throw new Error(`element ${id} not found for injection`);
  const prefix = m[2] ?? '';
  const tagName = /^<([\w:]+)/.exec(m[0])?.[1];
  const ext = `<${prefix}extensionElements>${inner}</${prefix}extensionElements>`;
  if (m[3] === '/') return xml.replace(m[0], `${m[1]}>${ext}</${tagName}>`);
  return xml.replace(m[0], `${m[1]}>${ext}`);
}

// ---- running on Temporal -----------------------------------------------------------------------------

export const ADMIN = { id: 'admin', roles: ['admin'], groups: [] as string[] };

/** External-worker jobs (CP-24): the scenario decides when and how each job finishes. */
export class JobBoard {
  private waiting: { caseId: string; elementId: string; resolve: (v: Variables) => void; reject: (e: Error) => void }[] = [];
  handler: ServiceTaskHandler = ({ caseId, elementId }) =>
    new Promise<Variables>((resolve, reject) => {
      this.waiting.push({ caseId, elementId, resolve, reject });
    });
  async take(caseId: string, timeoutMs = 15_000) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const i = this.waiting.findIndex((w) => w.caseId === caseId);
      if (i >= 0) return this.waiting.splice(i, 1)[0] as (typeof this.waiting)[number];
      if (Date.now() > deadline) throw new Error(`no job for ${caseId}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}

export class Conformance {
  private client!: Client;
  private connection!: Connection;
  private seq = 0;
  constructor(private readonly stack: TestStack) {}

  async open(): Promise<void> {
    this.connection = await Connection.connect({ address: process.env.TEMPORAL_ADDRESS as string });
    this.client = new Client({ connection: this.connection });
  }
  async close(): Promise<void> {
    await this.connection.close();
  }

  /** Deploys through the real API (admin), as a modeller would; returns the problems on a 400. */
  async deploy(xml: string): Promise<{ ok: true; key: string } | { ok: false; problems: DefinitionProblem[] }> {
    const res = await this.stack.http
      .post('/api/definitions')
      .set('authorization', await this.stack.auth('admin'))
      .send({ xml });
    if (res.status === 400) return { ok: false, problems: res.body.error.details as DefinitionProblem[] };
    if (res.status !== 201 && res.status !== 200) throw new Error(`deploy failed ${res.status} ${JSON.stringify(res.body)}`);
    return { ok: true, key: res.body.key };
  }

  async start(processKey: string, variables: Variables = {}): Promise<Run> {
    const row = await this.stack.db.prisma.processDefinition.findFirst({ where: { key: processKey }, orderBy: { version: 'desc' } });
    if (!row) throw new Error(`not deployed: ${processKey}`);
    const caseId = `CONF-${Date.now().toString(36)}-${++this.seq}`;
    const handle = await this.client.workflow.start('caseWorkflow', {
      taskQueue: this.stack.taskQueue,
      workflowId: `case-${caseId}`,
      args: [
        {
          caseId,
          definitionId: row.id,
          process: row.graph,
          variables,
          title: processKey,
          applicantId: 'zhangsan',
          startedBy: 'conformance',
          testClock: true,
        },
      ],
    });
    return new Run(this.client, this.stack, caseId, handle);
  }
}

export class Run {
  constructor(
    private readonly client: Client,
    private readonly stack: TestStack,
    readonly caseId: string,
    readonly handle: WorkflowHandle,
  ) {}

  async view(): Promise<CaseView> {
    try {
      return await this.handle.executeUpdate(syncUpdate);
    } catch {
      return this.handle.query(caseStateQuery);
    }
  }

  /** Waits until the open wait states are exactly `ids` (as a multiset, order ignored). */
  async waitsAt(ids: string[], timeoutMs = 15_000): Promise<CaseView> {
    const want = [...ids].sort().join(',');
    const deadline = Date.now() + timeoutMs;
    let last: CaseView | undefined;
    for (;;) {
      last = await this.handle.query(caseStateQuery);
      if ([...last.activeElements].sort().join(',') === want) return last;
      if (Date.now() > deadline)
        throw new Error(
          `${this.caseId}: expected wait states [${want}], got [${[...last.activeElements].sort().join(',')}] status ${last.status}; incidents ${JSON.stringify(last.incidents)}`,
        );
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  async tasks(): Promise<string[]> {
    return (await this.handle.query(caseStateQuery)).openTasks.map((t) => t.elementId).sort();
  }

  async complete(elementId: string, variables: Variables = {}, pick = 0): Promise<void> {
    const view = await this.handle.query(caseStateQuery);
    const task = view.openTasks.filter((t) => t.elementId === elementId)[pick];
    if (!task) throw new Error(`${this.caseId}: no open task ${elementId}; open: ${view.openTasks.map((t) => t.elementId).join(', ')}`);
    await this.handle.executeUpdate(completeTaskUpdate, { args: [{ taskId: task.taskId, actor: ADMIN, variables }] });
  }

  async message(name: string, variables?: Variables): Promise<void> {
    await this.handle.signal(deliverMessageSignal, { name, variables });
  }

  async signal(name: string): Promise<void> {
    await this.handle.signal(broadcastSignalSignal, { name });
  }

  /** Moves the case's clock forward (the test clock of the manifest's "advance the clock"). */
  async advance(ms: number): Promise<void> {
    await this.handle.signal(advanceClockSignal, ms);
  }

  async completed(timeoutMs = 15_000): Promise<CaseView> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const view = await this.handle.query(caseStateQuery);
      if (view.status === 'completed') return view;
      if (Date.now() > deadline)
        throw new Error(
          `${this.caseId}: not completed: ${view.status} at [${view.activeElements.join(',')}] incidents ${JSON.stringify(view.incidents)}`,
        );
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  async incident(timeoutMs = 15_000) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const view = await this.handle.query(caseStateQuery);
      if (view.incidents?.length) return { view, incident: view.incidents[0] as NonNullable<CaseView['incidents']>[number] };
      if (Date.now() > deadline) throw new Error(`${this.caseId}: no incident`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  /** The child case a call activity started (read model: ids are `<parent>.<n>`). */
  async child(): Promise<Run> {
    const deadline = Date.now() + 15_000;
    for (;;) {
      const row = await this.stack.db.prisma.case.findFirst({ where: { id: { startsWith: `${this.caseId}.` } } });
      if (row) return new Run(this.client, this.stack, row.id, this.client.workflow.getHandle(row.workflowId));
      if (Date.now() > deadline) throw new Error(`${this.caseId}: no child case`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  /** Flow-node ids visited, in order. */
  async path(): Promise<string[]> {
    return (await this.handle.query(caseStateQuery)).path.map((p) => p.elementId);
  }
}

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
