import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

// The docs speak of this repository alone, and every lib says what it owns, offers, sends and hears.
const ROOT = join(__dirname, '..', '..');
const LIB_GROUPS = [join(ROOT, 'libs', 'server'), join(ROOT, 'libs', 'shared')];
const SKIP = new Set(['node_modules', '.git', '.nx', '.data', 'dist', 'coverage', 'tmp']);

function markdownFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (SKIP.has(entry.name)) return [];
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return markdownFiles(path);
    return entry.name.endsWith('.md') ? [path] : [];
  });
}

describe('docs', () => {
  const libs = LIB_GROUPS.flatMap((group) => readdirSync(group).map((name) => join(group, name)));

  it.each(libs.map((lib) => [relative(ROOT, lib), lib]))('%s has a README with its contract', (_name, lib) => {
    const readme = join(lib, 'README.md');
    expect(existsSync(readme)).toBe(true);
    const contract = readFileSync(readme, 'utf8').split('## Contract')[1] ?? '';
    for (const word of ['**Owns**', '**Offers**', '**Sends', 'ears**']) expect(contract).toContain(word);
  });

  it('never point outside the repository or name an issue number', () => {
    const offending = markdownFiles(ROOT).flatMap((file) =>
      readFileSync(file, 'utf8')
        .split('\n')
        .map((line, index) => ({ line, index }))
        .filter(({ line }) => /\.\.\/shared|DESIGN\.md|\bissues? #?\d|(^|[\s(])#\d+\b/i.test(line))
        .map(({ index }) => `${relative(ROOT, file)}:${index + 1}`),
    );
    expect(offending).toEqual([]);
  });
});
