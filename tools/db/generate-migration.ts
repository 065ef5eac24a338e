import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ALL_ENTITIES, ENTITIES_BY_CONTEXT } from '../../migrations/entities';
import { migrationDataSource } from '../../migrations/run-migrations';

// Usage: DATABASE_URL=postgres://… npm run migration:generate -- AddSomething [context]
// With a context (e.g. pipeline), only that context's entities are compared. Applies the existing migrations to that (scratch) database, then writes the difference
// between it and the entities as a new migration to review and register in migrations/index.ts.
async function main(): Promise<void> {
  const url = process.env['DATABASE_URL'];
  const name = process.argv[2];
  const context = process.argv[3];
  if (context && !ENTITIES_BY_CONTEXT[context]) {
    console.error(`Unknown context "${context}"; known: ${Object.keys(ENTITIES_BY_CONTEXT).join(', ')}`);
    process.exit(1);
  }
  if (!url || !name || !/^[A-Z][A-Za-z0-9]+$/.test(name)) {
    console.error('Usage: DATABASE_URL=postgres://… npm run migration:generate -- PascalCaseName [context]');
    process.exit(1);
  }
  const dataSource = await migrationDataSource(url, context ? ENTITIES_BY_CONTEXT[context] : ALL_ENTITIES).initialize();
  await dataSource.runMigrations();
  const sql = await dataSource.driver.createSchemaBuilder().log();
  await dataSource.destroy();
  if (sql.upQueries.length === 0) {
    console.log('No changes: the entities match the migrations.');
    return;
  }
  const timestamp = Date.now();
  const quote = (query: string) => '`' + query.replace(/`/g, '\\`') + '`';
  const body = (queries: { query: string }[]) =>
    queries.map((q) => `    await queryRunner.query(${quote(q.query)});`).join('\n');
  const file = join('migrations', `${timestamp}-${name}.ts`);
  writeFileSync(
    file,
    `import { MigrationInterface, QueryRunner } from 'typeorm';

export class ${name}${timestamp} implements MigrationInterface {
  name = '${name}${timestamp}';

  async up(queryRunner: QueryRunner): Promise<void> {
${body(sql.upQueries)}
  }

  async down(queryRunner: QueryRunner): Promise<void> {
${body([...sql.downQueries].reverse())}
  }
}
`,
  );
  console.log(`Wrote ${file}; review it and add it to migrations/index.ts`);
}

void main();
