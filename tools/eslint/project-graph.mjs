// @nx/enforce-module-boundaries reads the cached project graph and, when there is none, skips itself
// with a warning: lint would pass on any import. Build the graph before the rules run whenever it is
// missing or its tags differ from the project.json files on disk.
import { createProjectGraphAsync, readCachedProjectGraph } from '@nx/devkit';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..', '..');
const SKIP = new Set(['node_modules', 'dist', '.nx', '.git', '.data', 'coverage', 'tmp']);

function projectFiles(dir) {
  const found = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (SKIP.has(entry.name)) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) found.push(...projectFiles(path));
    else if (entry.name === 'project.json') found.push(path);
  }
  return found;
}

function isCurrent(graph) {
  const nodes = graph.nodes ?? {};
  for (const dir of ['apps', 'libs']) {
    for (const file of projectFiles(join(root, dir))) {
      const { name, tags = [] } = JSON.parse(readFileSync(file, 'utf8'));
      const node = nodes[name];
      if (!node || JSON.stringify([...(node.data.tags ?? [])].sort()) !== JSON.stringify([...tags].sort())) {
        return false;
      }
    }
  }
  return true;
}

export async function ensureProjectGraph() {
  let graph;
  try {
    graph = readCachedProjectGraph();
  } catch {
    graph = undefined;
  }
  if (graph && isCurrent(graph)) return;
  process.env.NX_DAEMON ??= 'false';
  await createProjectGraphAsync({ exitOnError: true });
}
