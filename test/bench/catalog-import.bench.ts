/**
 * Bulk-import benchmark: a generated implementation list of N items (default 1,200) imported into a fresh
 * in-memory PGlite database through the same code path as POST /api/catalog/import, then re-imported
 * unchanged, then with every item changed (each becomes a new version).
 * Run: npm run bench:catalog [-- <items>]
 */
import { openDatabase } from '../../server/data/database';
import { importCatalog } from '../../activities/catalog/import';
import { validateItems } from '../../activities/catalog/validate';
import { generateCatalogue, GENERATED_LIBRARY } from '../integration/catalog/generate';

async function main() {
  const n = Number(process.argv[2] ?? 1200);
  const db = await openDatabase({});
  try {
    const run = async (label: string, revision: number) => {
      const t0 = performance.now();
      const { items, problems } = validateItems(generateCatalogue(n, revision), 'bench', GENERATED_LIBRARY);
      const validated = performance.now();
      const summary = await importCatalog(db.prisma, { items }, { source: 'bench', actor: 'bench' });
      const total = performance.now() - t0;
      console.log(
        `${label.padEnd(22)} ${n} items: validate ${(validated - t0).toFixed(0)} ms, write ${summary.ms} ms, total ${total.toFixed(0)} ms ` +
          `(${((n / total) * 1000).toFixed(0)} items/s) created=${summary.items.created} unchanged=${summary.items.unchanged} superseded=${summary.items.superseded} problems=${problems.length}`,
      );
    };
    await run('first import', 0);
    await run('unchanged re-import', 0);
    await run('all items changed', 1);
    const versions = await db.prisma.catalogItem.count();
    console.log(`rows stored: ${versions} (two versions per item)`);
  } finally {
    await db.close();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
