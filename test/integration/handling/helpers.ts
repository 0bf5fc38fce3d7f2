import type { TestStack } from '../../helpers/stack';
import { waitFor } from '../../helpers/wait-for';

export interface CaseBody {
  caseId: string;
  status: string;
  activeElements: string[];
  openTasks: { taskId: string; elementId: string; name: string }[];
  variables: Record<string, unknown>;
  path: { elementId: string; actor?: string }[];
  result?: { decision?: string } | null;
}

/** Drives cases through the HTTP API as the people involved would. */
export function driver(stack: TestStack) {
  const as = async (user: string) => ({ Authorization: await stack.auth(user) });

  async function getCase(caseId: string, user = 'supervisor1'): Promise<CaseBody> {
    const res = await stack.http.get(`/api/cases/${caseId}`).set(await as(user));
    if (res.status !== 200) throw new Error(`GET case ${caseId}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  }

  /** Waits until the case has an open task at `elementId` (service tasks may run first). */
  async function waitForTask(caseId: string, elementId: string) {
    const task = await waitFor(
      async () => {
        const res = await stack.http.get(`/api/cases/${caseId}`).set(await as('supervisor1'));
        if (res.status === 404) return undefined; // the read-model row lands just after the start
        if (res.status !== 200) throw new Error(`GET case ${caseId}: ${res.status} ${JSON.stringify(res.body)}`);
        return (res.body as CaseBody).openTasks.find((t) => t.elementId === elementId);
      },
      20_000,
      `task ${elementId} of ${caseId}`,
    );
    // The inbox row is a projection that lands just after the workflow opened the task.
    await waitFor(
      async () => ((await stack.http.get(`/api/tasks/${task.taskId}`).set(await as('admin'))).status === 200 ? true : undefined),
      20_000,
      `task row ${task.taskId}`,
    );
    return task;
  }

  async function complete(caseId: string, elementId: string, user: string, variables: Record<string, unknown> = {}) {
    const task = await waitForTask(caseId, elementId);
    const res = await stack.http
      .post(`/api/tasks/${task.taskId}/complete`)
      .set(await as(user))
      .send({ variables });
    if (res.status !== 200) throw new Error(`complete ${elementId} as ${user}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as CaseBody;
  }

  async function finished(caseId: string): Promise<CaseBody & { endedAt: string }> {
    return waitFor(
      async () => {
        const c = await getCase(caseId);
        return c.status !== 'running' && (c as { endedAt?: string }).endedAt ? (c as CaseBody & { endedAt: string }) : undefined;
      },
      20_000,
      `case ${caseId} finished`,
    );
  }

  async function apply(body: Record<string, unknown>, user = 'zhangsan') {
    return stack.http
      .post('/api/handling/applications')
      .set(await as(user))
      .send(body);
  }

  const elements = (c: CaseBody) => c.path.map((p) => p.elementId);

  return { as, getCase, waitForTask, complete, finished, apply, elements };
}
