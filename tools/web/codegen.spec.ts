import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const GENERATED_FILE = join(__dirname, '..', '..', 'apps', 'web', 'src', 'api', 'generated', 'graphql.ts');

// The generator's command line is an ES module that jest cannot load, so it runs as `npm run codegen` does.
function generate(): string {
  return execFileSync(process.execPath, ['-r', '@swc-node/register', join(__dirname, 'codegen.ts'), '--stdout'], {
    encoding: 'utf8',
    maxBuffer: 16 * 1024 * 1024,
  });
}

describe("the web's generated GraphQL types", () => {
  it('are what schema.graphql and the operations make (run `npm run codegen` when this fails)', () => {
    expect(readFileSync(GENERATED_FILE, 'utf8')).toBe(generate());
  });
});
