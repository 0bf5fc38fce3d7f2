import { mkdtemp, mkdir, writeFile, cp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { loadCatalogAtStartup } from '../../../activities/catalog/startup';
import type { Database } from '../../../server/data/database';
import { createLogger } from '../../../server/logger';
import { openTestDatabase } from '../../helpers/databases';
import { sampleItem } from '../../unit/catalog/fixtures';

let db: Database;
let dir: string;
beforeAll(async () => {
  db = await openTestDatabase();
  dir = await mkdtemp(path.join(os.tmpdir(), 'haoban-catalog-'));
});
afterAll(async () => {
  await db?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('loading definitions/catalog at start-up', () => {
  it('when one file has a bad item, then the load error names file, item code and field, and the rest of the catalogue loads', async () => {
    await cp(path.join(__dirname, '../../../definitions/catalog'), path.join(dir, 'catalog'), { recursive: true });
    await mkdir(path.join(dir, 'catalog', 'items'), { recursive: true });
    const bad = sampleItem({ code: 'BAD-ITEM-000001', level: '宇宙级' });
    await writeFile(path.join(dir, 'catalog', 'items', 'zz-extra.json'), JSON.stringify([bad]));
    const logged: string[] = [];
    const logger = createLogger('silent');
    logger.error = ((_obj: unknown, msg: string) => {
      logged.push(msg);
    }) as unknown as typeof logger.error;

    const summary = await loadCatalogAtStartup(db.prisma, dir, logger, { demoMode: true });

    expect(summary.problems).toEqual([expect.objectContaining({ code: 'BAD-ITEM-000001', field: 'level' })]);
    expect(summary.problems[0].file).toMatch(/items\/zz-extra\.json$/);
    expect(logged[0]).toMatch(/zz-extra\.json 事项\/事件 BAD-ITEM-000001 字段 level/);
    expect(summary.items.created).toBe(36);
    expect(summary.events).toEqual({ loaded: 15, rejected: 0 });
    expect(await db.prisma.user.findUnique({ where: { id: 'wjj1' } })).toMatchObject({ groups: ['dept-wjj'] });

    // A second start with the same files creates nothing new.
    const again = await loadCatalogAtStartup(db.prisma, dir, logger, { demoMode: true });
    expect(again.items).toEqual({ created: 0, unchanged: 36, superseded: 0 });
  });
});
