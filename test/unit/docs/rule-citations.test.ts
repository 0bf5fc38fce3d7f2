import fs from 'node:fs';
import path from 'node:path';

/**
 * The product cites official sources (law and article, document number) and its own docs/rules.md,
 * never research notes that are not part of this repository.
 */
const root = path.resolve(__dirname, '../../..');
const PRODUCT_DIRS = ['activities', 'server', 'workflows', 'definitions', 'prisma', 'docs'];
const SKIP_DIRS = new Set(['node_modules', 'generated', 'dist']);
const TEXT_FILE = /\.(ts|tsx|js|mjs|cjs|json|bpmn|dmn|md|html|css|sql|prisma)$/;
// Built from parts so that this file does not match itself if the scan ever widens to test/.
const OUTSIDE_NOTES = new RegExp(['RULES', 'DOMAIN'].map((n) => `\\b${n}\\.md\\b`).join('|'));
const RULES_LINK = /docs\/rules\.md#([a-z0-9-]+)/g;

function productFiles(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) {
        if (!SKIP_DIRS.has(entry.name)) walk(path.join(dir, entry.name));
      } else if (TEXT_FILE.test(entry.name)) out.push(path.join(dir, entry.name));
    }
  };
  for (const dir of PRODUCT_DIRS) if (fs.existsSync(path.join(root, dir))) walk(path.join(root, dir));
  return [...out, path.join(root, 'README.md')];
}

const files = productFiles().map((file) => ({ name: path.relative(root, file), text: fs.readFileSync(file, 'utf8') }));

describe('rule citations', () => {
  it('when product code, definitions or docs are scanned, then none cites a note outside the repository', () => {
    expect(files.length).toBeGreaterThan(100);
    const offending = files.flatMap(({ name, text }) =>
      text.split('\n').flatMap((line, i) => (OUTSIDE_NOTES.test(line) ? [`${name}:${i + 1}: ${line.trim()}`] : [])),
    );
    expect(offending).toEqual([]);
  });

  it('when code links a section of docs/rules.md, then that anchor exists', () => {
    const rules = fs.readFileSync(path.join(root, 'docs/rules.md'), 'utf8');
    const anchors = new Set([...rules.matchAll(/<a id="([a-z0-9-]+)"><\/a>/g)].map((m) => m[1]));
    expect(anchors.size).toBeGreaterThan(10);
    const links = files.flatMap(({ name, text }) => [...text.matchAll(RULES_LINK)].map((m) => ({ name, anchor: m[1] })));
    expect(links.length).toBeGreaterThan(20);
    expect(links.filter((l) => !anchors.has(l.anchor))).toEqual([]);
  });
});
