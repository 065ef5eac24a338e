import { join } from 'node:path';
import { ROOT, foreignTableReferences, migratedTables, ownerOf, referencesIn, tableOwners } from './table-ownership';

describe('table ownership', () => {
  const owners = tableOwners();

  it('gives every table the migrations create an owning context', () => {
    const orphans = migratedTables().filter((table) => ownerOf(table, owners) === undefined);
    expect(orphans).toEqual([]);
  });

  it('finds tables in SQL strings, templates and query-builder calls', () => {
    const file = join(ROOT, 'libs', 'server', 'playbooks', 'src', 'lib', 'example.ts');
    const text = [
      "const a = 'SELECT name FROM users WHERE id = $1';",
      'const b = `SELECT 1 FROM step_instances s JOIN "applications" a ON a.id = s.application_id WHERE s.id = ${id}`;',
      "const c = 'DELETE FROM public.vents WHERE id = $1';",
      "const d = 'INSERT INTO follow_ups (id) VALUES ($1) ON CONFLICT (id) DO UPDATE SET id = $1';",
      "manager.createQueryBuilder().from('memberships', 'm');",
      "const e = 'Nothing from people here, and FROM ${table} names nothing';",
    ].join('\n');
    const found = referencesIn(file, text, owners).map(({ table, write, line }) => ({ table, write, line }));
    expect(found).toEqual([
      { table: 'users', write: false, line: 1 },
      { table: 'step_instances', write: false, line: 2 },
      { table: 'applications', write: false, line: 2 },
      { table: 'vents', write: true, line: 3 },
      { table: 'follow_ups', write: true, line: 4 },
      { table: 'memberships', write: false, line: 5 },
    ]);
  });

  // A context reaches another's data through its exported services (IdentityDirectory,
  // ApplicationDirectory, ...), so a change of schema stays inside the context that owns it.
  it("keeps every context's SQL to its own tables (insights' read model may read any)", () => {
    const references = foreignTableReferences().map(
      (reference) =>
        `${reference.file}:${reference.line} (${reference.context}) ${reference.write ? 'writes' : 'reads'} ` +
        `${reference.table}, owned by ${ownerOf(reference.table, owners)}`,
    );
    expect(references).toEqual([]);
  });
});
