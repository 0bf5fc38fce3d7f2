import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { z } from 'zod';
import type { CatalogBundle } from './import';
import { problemsFromZod, type CatalogProblem } from './problems';
import { KnowledgeInput, ServiceMapInput, TreeInput, VenueInput } from './schema';
import { validateEvents, validateItems, type MaterialLibrary } from './validate';

/**
 * Reads `definitions/catalog/`: materials.json (material library), items/*.json (arrays of items),
 * events.json, trees/*.json, venues.json, knowledge.json, service-map.json. Every file is validated
 * with zod; a bad entry is reported with file, code and field, and the others still load.
 */
export async function loadCatalogDirectory(dir: string): Promise<{ bundle: CatalogBundle; problems: CatalogProblem[] }> {
  const problems: CatalogProblem[] = [];
  // Paths inside the project are shown relative to it (definitions/catalog/items/x.json), others in full.
  const rel = (file: string) => {
    const r = path.relative(process.cwd(), file);
    return r && !r.startsWith('..') ? r : file;
  };
  const readJson = async (file: string): Promise<unknown> => {
    try {
      return JSON.parse(await readFile(file, 'utf8'));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT')
        problems.push({ file: rel(file), message: `无法读取 (cannot read): ${(err as Error).message}` });
      return undefined;
    }
  };
  const list = async (sub: string) => {
    try {
      return (await readdir(path.join(dir, sub)))
        .filter((f) => f.endsWith('.json'))
        .sort()
        .map((f) => path.join(dir, sub, f));
    } catch {
      return [];
    }
  };

  const library = ((await readJson(path.join(dir, 'materials.json'))) ?? {}) as MaterialLibrary;
  const bundle: CatalogBundle = { items: [], events: [], trees: [], entries: [] };
  for (const file of await list('items')) {
    const raw = await readJson(file);
    if (raw === undefined) continue;
    if (!Array.isArray(raw)) {
      problems.push({ file: rel(file), message: '事项文件须为数组 (an items file holds a JSON array)' });
      continue;
    }
    const r = validateItems(raw, rel(file), library);
    bundle.items.push(...r.items);
    problems.push(...r.problems);
  }
  const eventsFile = path.join(dir, 'events.json');
  const events = await readJson(eventsFile);
  if (Array.isArray(events)) {
    const r = validateEvents(events, rel(eventsFile));
    bundle.events!.push(...r.events);
    problems.push(...r.problems);
  }
  for (const file of await list('trees')) {
    const parsed = TreeInput.safeParse(await readJson(file));
    if (parsed.success) bundle.trees!.push(parsed.data);
    else problems.push(...problemsFromZod(parsed.error, rel(file), undefined));
  }
  const entryFile = async (name: string, kind: string, schema: z.ZodType<{ code: string }>, nameOf: (e: never) => string) => {
    const file = path.join(dir, name);
    const raw = await readJson(file);
    if (!Array.isArray(raw)) return;
    raw.forEach((entry, i) => {
      const parsed = schema.safeParse(entry);
      if (parsed.success) bundle.entries!.push({ kind, code: parsed.data.code, name: nameOf(parsed.data as never), data: parsed.data });
      else problems.push(...problemsFromZod(parsed.error, rel(file), (entry as { code?: string })?.code ?? `#${i}`));
    });
  };
  await entryFile('venues.json', 'venue', VenueInput, (v: VenueInput) => v.name);
  await entryFile('knowledge.json', 'knowledge', KnowledgeInput, (k: KnowledgeInput) => k.question);
  const mapFile = path.join(dir, 'service-map.json');
  const map = await readJson(mapFile);
  if (map !== undefined) {
    const parsed = ServiceMapInput.safeParse(map);
    if (parsed.success) {
      for (const z of parsed.data.zones) bundle.entries!.push({ kind: 'zone', code: z.code, name: z.name, data: z });
      for (const ind of parsed.data.industries) bundle.entries!.push({ kind: 'industry', code: ind.code, name: ind.name, data: ind });
    } else problems.push(...problemsFromZod(parsed.error, rel(mapFile), undefined));
  }
  return { bundle, problems };
}
