import path from 'node:path';
import type { PrismaClient } from '../../server/data/generated/client';
import type { Logger } from '../../server/logger';
import { importCatalog, type ImportSummary } from './import';
import { loadCatalogDirectory } from './load-directory';
import { describeProblem } from './problems';
import { seedDepartmentStaff } from './department-staff';

/** Start-up hook: loads `<definitionsDir>/catalog` into the database; problems are logged, good data loads. */
export async function loadCatalogAtStartup(
  prisma: PrismaClient,
  definitionsDir: string,
  logger: Logger,
  opts: { demoMode: boolean },
): Promise<ImportSummary> {
  const { bundle, problems } = await loadCatalogDirectory(path.join(definitionsDir, 'catalog'));
  const summary = await importCatalog(prisma, bundle, { source: 'definitions/catalog', actor: 'system', file: 'definitions/catalog' });
  const all = [...problems, ...summary.problems];
  for (const p of all) logger.error({ problem: p }, `事项清单加载错误 (catalogue load error): ${describeProblem(p)}`);
  if (opts.demoMode) await seedDepartmentStaff(prisma);
  logger.info(
    { items: summary.items, events: summary.events, nodes: summary.nodes, entries: summary.entries, problems: all.length, ms: summary.ms },
    'catalogue loaded',
  );
  return { ...summary, problems: all };
}
