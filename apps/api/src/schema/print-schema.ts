import 'reflect-metadata';
import { DynamicModule, ForwardReference, Provider, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { GraphQLSchemaBuilderModule, GraphQLSchemaFactory } from '@nestjs/graphql';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { AppModule } from '../app.module';

/** The committed copy of the API's schema, which the web's typed operations are generated from. */
export const SCHEMA_FILE = resolve(__dirname, '..', '..', '..', '..', 'schema.graphql');

const HEADER = [
  '# The GraphQL schema the API serves, printed from its code-first types.',
  '# Do not edit: run `npm run schema:print` after changing a resolver, type or input.',
  '',
  '',
].join('\n');

// @nestjs/graphql marks resolver classes with this metadata key (RESOLVER_TYPE_METADATA).
const RESOLVER_TYPE_METADATA = 'graphql:resolver_type';

type ModuleEntry = Type | DynamicModule | Promise<DynamicModule> | ForwardReference;

/**
 * Every resolver class reachable from a module, found the way Nest finds them: by walking its
 * imports and reading the providers' decorator metadata. A new resolver in any context module is
 * printed without being listed here.
 */
async function resolversOf(root: ModuleEntry, seen = new Set<unknown>()): Promise<Type[]> {
  let entry: Type | DynamicModule | ForwardReference = await root;
  if ('forwardRef' in entry && typeof entry.forwardRef === 'function') entry = (await entry.forwardRef()) as Type;
  if (seen.has(entry)) return [];
  seen.add(entry);
  const dynamic = typeof entry === 'function' ? undefined : (entry as DynamicModule);
  const moduleClass = (dynamic ? dynamic.module : entry) as Type;
  const imports: ModuleEntry[] = [
    ...((Reflect.getMetadata('imports', moduleClass) as ModuleEntry[] | undefined) ?? []),
    ...(dynamic?.imports ?? []),
  ];
  const providers: Provider[] = [
    ...((Reflect.getMetadata('providers', moduleClass) as Provider[] | undefined) ?? []),
    ...(dynamic?.providers ?? []),
  ];
  const found = providers.filter(
    (provider): provider is Type =>
      typeof provider === 'function' && Reflect.hasMetadata(RESOLVER_TYPE_METADATA, provider),
  );
  for (const imported of imports) if (imported) found.push(...(await resolversOf(imported, seen)));
  return [...new Set(found)];
}

/** The schema of every resolver in the API, sorted as the API serves it (`sortSchema`), as SDL. */
export async function printApiSchema(): Promise<string> {
  const resolvers = await resolversOf(AppModule);
  const app = await NestFactory.createApplicationContext(GraphQLSchemaBuilderModule, { logger: false });
  try {
    const schema = await app.get(GraphQLSchemaFactory).create(resolvers);
    return `${HEADER}${printSchema(lexicographicSortSchema(schema))}\n`;
  } finally {
    await app.close();
  }
}

export function readCommittedSchema(): string {
  return readFileSync(SCHEMA_FILE, 'utf8');
}

// `npm run schema:print`
if (require.main === module) {
  printApiSchema().then(
    (sdl) => {
      writeFileSync(SCHEMA_FILE, sdl);
      console.log(`Wrote ${SCHEMA_FILE}`);
    },
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
