import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import * as ts from 'typescript';

// Which context owns which table, and which SQL in the server libs names which table. A context reads
// and writes its own tables only; the others it reaches through their exported services. Insights'
// read model may read every table, and writes only its own.

export const ROOT = join(__dirname, '..', '..');
const SERVER = join(ROOT, 'libs', 'server');

/** Tables that have no entity class: their owner, by the code that reads and writes them. */
const TABLES_WITHOUT_ENTITY: Record<string, string> = {
  graphql_rate_limits: 'core',
  signed_link_generations: 'core',
};
/** Insights keeps its read model in tables named for it. */
const INSIGHTS_PREFIX = 'insights_';

export interface SqlReference {
  file: string;
  line: number;
  context: string;
  table: string;
  write: boolean;
}

function sourceFiles(dir: string, keep: (path: string) => boolean): string[] {
  return readdirSync(dir, { recursive: true })
    .map(String)
    .map((path) => join(dir, path))
    .filter((path) => path.endsWith('.ts') && keep(path));
}

function contextOf(path: string): string {
  return relative(SERVER, path).split('/')[0];
}

/** Table → owning context, from each lib's entities plus the tables listed above. */
export function tableOwners(): Map<string, string> {
  const owners = new Map<string, string>(Object.entries(TABLES_WITHOUT_ENTITY));
  for (const file of sourceFiles(SERVER, (path) => path.endsWith('.entity.ts'))) {
    for (const match of readFileSync(file, 'utf8').matchAll(/@Entity\(\{\s*name:\s*'([a-z0-9_]+)'/g)) {
      owners.set(match[1], contextOf(file));
    }
  }
  return owners;
}

/** Every table the migrations create, so a new table cannot go without an owner. */
export function migratedTables(): string[] {
  const tables = new Set<string>();
  for (const file of sourceFiles(join(ROOT, 'migrations'), () => true)) {
    for (const match of readFileSync(file, 'utf8').matchAll(/CREATE TABLE (?:IF NOT EXISTS )?"?([a-z0-9_]+)"?/g)) {
      tables.add(match[1]);
    }
  }
  return [...tables].sort();
}

export function ownerOf(table: string, owners: Map<string, string>): string | undefined {
  return owners.get(table) ?? (table.startsWith(INSIGHTS_PREFIX) ? 'insights' : undefined);
}

const SQL_TABLE = /\b(DELETE\s+FROM|FROM|JOIN|INTO|UPDATE)\s+(?:ONLY\s+)?(?:"?public"?\.)?"?([a-z_][a-z0-9_]*)"?/gi;
/** Query-builder calls whose first string argument is a table name. */
const TABLE_METHODS = new Set([
  'from',
  'innerJoin',
  'leftJoin',
  'innerJoinAndSelect',
  'leftJoinAndSelect',
  'into',
  'update',
  'delete',
  'getRepository',
]);
const WRITE_METHODS = new Set(['into', 'update', 'delete']);

/** Table names in one file's string and template literals (SQL) and query-builder calls. */
export function referencesIn(file: string, text: string, owners: Map<string, string>): SqlReference[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const found: SqlReference[] = [];
  const context = contextOf(file);
  const add = (node: ts.Node, table: string, write: boolean) => {
    if (ownerOf(table, owners) === undefined) return;
    const line = source.getLineAndCharacterOfPosition(node.getStart()).line + 1;
    found.push({ file: relative(ROOT, file), line, context, table, write });
  };
  const visit = (node: ts.Node): void => {
    let sql: string | undefined;
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) sql = node.text;
    else if (ts.isTemplateExpression(node)) {
      // Interpolations stand in as a placeholder, so `FROM ${table}` names nothing.
      sql = [node.head.text, ...node.templateSpans.map((span) => ` $x ${span.literal.text}`)].join('');
    }
    if (sql !== undefined) {
      for (const match of sql.matchAll(SQL_TABLE)) {
        const keyword = match[1].toUpperCase();
        add(node, match[2].toLowerCase(), keyword !== 'FROM' && keyword !== 'JOIN');
      }
    }
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression)) {
      const method = node.expression.name.text;
      const [first] = node.arguments;
      if (
        TABLE_METHODS.has(method) &&
        first &&
        ts.isStringLiteralLike(first) &&
        /^[a-z_][a-z0-9_]*$/.test(first.text)
      ) {
        add(first, first.text, WRITE_METHODS.has(method));
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

const TEST_ONLY = /(\.spec\.ts|\.int-spec\.ts|\.e2e-spec\.ts)$|\/src\/lib\/testing\//;

/** Every reference from a context's production code to a table another context owns. */
export function foreignTableReferences(): SqlReference[] {
  const owners = tableOwners();
  const libs = readdirSync(SERVER).filter((lib) => lib !== 'testing');
  const violations: SqlReference[] = [];
  for (const lib of libs) {
    for (const file of sourceFiles(join(SERVER, lib, 'src'), (path) => !TEST_ONLY.test(path))) {
      for (const reference of referencesIn(file, readFileSync(file, 'utf8'), owners)) {
        const owner = ownerOf(reference.table, owners);
        if (owner === reference.context) continue;
        // Insights' read model: it reads every context's tables, and writes only its own.
        if (reference.context === 'insights' && !reference.write) continue;
        violations.push(reference);
      }
    }
  }
  return violations;
}
