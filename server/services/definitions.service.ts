import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { compileProcess, type DefinitionProblem } from '../../activities/bpmn/compile-process';
import { lintDefinition, mergeProblems } from '../../activities/bpmn/lint';
import type { CompiledProcess } from '../../workflows/engine/model';
import type { PrismaClient } from '../data/generated/client';
import { AppError, notFound } from '../errors';
import type { Logger } from '../logger';
import { writeAudit } from '../../activities/audit';
import { EngineError } from '../../workflows/engine/model';
import { timerStarts, timerStartSchedule, type ScheduleView, type TimerStartSchedules } from './definitions.schedules';

export interface DefinitionSummary {
  id: string;
  key: string;
  version: number;
  hash: string;
  name: string | null;
  deployedAt: Date;
  deployedBy: string | null;
}

export interface DeployResult extends DefinitionSummary {
  /** False when identical content was already deployed (idempotent deploy). */
  created: boolean;
  /** bpmnlint advice (recommended rules) that does not block the deploy. */
  warnings?: DefinitionProblem[];
}

export class DefinitionInvalidError extends AppError {
  constructor(problems: DefinitionProblem[], source?: string) {
    super(400, 'DEFINITION_INVALID', `流程定义无效 (invalid process definition)${source ? `: ${source}` : ''}`, problems);
  }
}

const summarySelect = { id: true, key: true, version: true, hash: true, name: true, deployedAt: true, deployedBy: true } as const;

type Compiled = Extract<Awaited<ReturnType<typeof compileProcess>>, { ok: true }>;

/** Timer start events whose time cannot become a schedule, each named by element. */
function timerStartProblems(process: CompiledProcess): DefinitionProblem[] {
  const problems: DefinitionProblem[] = [];
  for (const node of timerStarts(process)) {
    try {
      timerStartSchedule(node);
    } catch (err) {
      if (!(err instanceof EngineError)) throw err;
      problems.push({ elementId: err.elementId, message: err.message });
    }
  }
  return problems;
}

/**
 * `schedules` (when the app has a Temporal client): a deploy also creates, replaces or removes the
 * Temporal Schedules of the process's timer start events.
 */
export function createDefinitionsService(prisma: PrismaClient, options: { schedules?: TimerStartSchedules } = {}) {
  const { schedules } = options;
  const store = async (
    compiled: Compiled,
    xml: string,
    deployedBy: string,
    warnings: { warnings?: DefinitionProblem[] },
  ): Promise<DeployResult> => {
    const { key } = compiled.process;
    return prisma.$transaction(async (tx) => {
      const same = await tx.processDefinition.findUnique({ where: { key_hash: { key, hash: compiled.hash } }, select: summarySelect });
      if (same) return { ...same, created: false, ...warnings };
      const latest = await tx.processDefinition.findFirst({ where: { key }, orderBy: { version: 'desc' }, select: { version: true } });
      const version = (latest?.version ?? 0) + 1;
      const row = await tx.processDefinition.create({
        data: {
          id: `${key}:${version}`,
          key,
          version,
          hash: compiled.hash,
          name: compiled.name,
          xml,
          graph: compiled.process as object,
          deployedBy,
        },
        select: summarySelect,
      });
      await writeAudit(tx, { actor: deployedBy, action: 'definition.deployed', after: { id: row.id, key, version, hash: compiled.hash } });
      return { ...row, created: true, ...warnings };
    });
  };
  /** Compiles, checks and stores; the same content stores once (versions are content-addressed). */
  const compileAndStore = async (xml: string, deployedBy: string): Promise<DeployResult> => {
    // Every stage runs, so one 400 lists every problem of the file.
    const compiled = await compileProcess(xml);
    const lint = await lintDefinition(xml);
    const problems = mergeProblems(compiled.ok ? timerStartProblems(compiled.process) : compiled.problems, lint.errors);
    if (!compiled.ok || problems.length) throw new DefinitionInvalidError(problems);
    const warnings = lint.warnings.length ? { warnings: lint.warnings } : {};
    return store(compiled, xml, deployedBy, warnings);
  };
  return {
    /** Compiles and stores a new version; the same content deploys once (versions are content-addressed). */
    async deploy(xml: string, deployedBy: string): Promise<DeployResult> {
      const result = await compileAndStore(xml, deployedBy);
      // The latest version decides the key's timer-start schedules (re-synced on every deploy).
      await schedules?.sync(result.key);
      return result;
    },

    /** Latest version of each process key. */
    async list(): Promise<DefinitionSummary[]> {
      const rows = await prisma.processDefinition.findMany({ select: summarySelect, orderBy: [{ key: 'asc' }, { version: 'desc' }] });
      const latest = new Map<string, DefinitionSummary>();
      for (const row of rows) if (!latest.has(row.key)) latest.set(row.key, row);
      return [...latest.values()];
    },

    /** The Temporal Schedules that start cases of this key at its timer start events. */
    async schedules(key: string): Promise<ScheduleView[]> {
      await this.versions(key); // 404 for an unknown key
      return schedules ? schedules.list(key) : [];
    },

    async versions(key: string): Promise<DefinitionSummary[]> {
      const rows = await prisma.processDefinition.findMany({ where: { key }, select: summarySelect, orderBy: { version: 'desc' } });
      if (rows.length === 0) throw notFound('processKey', key);
      return rows;
    },

    async get(key: string, version?: number): Promise<DefinitionSummary & { xml: string }> {
      const row = await prisma.processDefinition.findFirst({
        where: { key, ...(version ? { version } : {}) },
        orderBy: { version: 'desc' },
        select: { ...summarySelect, xml: true },
      });
      if (!row) throw notFound('processDefinition', version ? `${key}:${version}` : key);
      return row;
    },

    /** The latest version's compiled graph, for starting a case. */
    async latestExecutable(key: string): Promise<{ id: string; process: CompiledProcess }> {
      const row = await prisma.processDefinition.findFirst({
        where: { key },
        orderBy: { version: 'desc' },
        select: { id: true, graph: true },
      });
      if (!row) throw notFound('processKey', key);
      return { id: row.id, process: row.graph as unknown as CompiledProcess };
    },

    /**
     * Deploys every `definitions/processes/**\/*.bpmn`. A broken file is logged with its problems
     * (file and element) and skipped; the others still deploy. The timer-start schedules of every key
     * are synced once afterwards (start-up), rather than per file.
     */
    async deployDirectory(
      dir: string,
      logger: Logger,
    ): Promise<{ deployed: DeployResult[]; failed: { file: string; problems: DefinitionProblem[] }[] }> {
      const files = await listBpmnFiles(dir);
      const deployed: DeployResult[] = [];
      const failed: { file: string; problems: DefinitionProblem[] }[] = [];
      for (const file of files) {
        try {
          const result = await compileAndStore(await readFile(file, 'utf8'), 'system');
          deployed.push(result);
          logger.info({ file: path.relative(dir, file), id: result.id, created: result.created }, 'definition deployed');
        } catch (err) {
          const problems =
            err instanceof DefinitionInvalidError ? (err.details as DefinitionProblem[]) : [{ message: (err as Error).message }];
          failed.push({ file, problems });
          logger.error(
            { file, problems },
            `流程定义部署失败 (definition not deployed): ${path.basename(file)} — ${problems.map((p) => `${p.elementId ?? '-'}: ${p.message}`).join('; ')}`,
          );
        }
      }
      await schedules?.syncAll();
      return { deployed, failed };
    },
  };
}

export type DefinitionsService = ReturnType<typeof createDefinitionsService>;

async function listBpmnFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true }).catch(() => []);
  return entries
    .filter((e) => e.isFile() && e.name.endsWith('.bpmn'))
    .map((e) => path.join(e.parentPath ?? dir, e.name))
    .sort();
}
