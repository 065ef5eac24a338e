import { DynamicModule, Type } from '@nestjs/common';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { CoreModule, GraphqlApiModule, HealthModule } from '@followthrough/server-core';
import { startTestApi, TestApi } from '@followthrough/server-testing';
import { AppModule } from '../app.module';
import { printApiSchema } from './print-schema';

// startTestApi adds the core modules itself; the rest of the API's modules come from AppModule.
const ADDED_BY_TEST_API = new Set<unknown>([CoreModule, GraphqlApiModule, HealthModule]);
const contextModules = ((Reflect.getMetadata('imports', AppModule) as Array<Type | DynamicModule>) ?? []).filter(
  (entry) => typeof entry === 'function' && !ADDED_BY_TEST_API.has(entry),
);

describe('the printed schema', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi(contextModules);
  });

  afterAll(() => api?.close());

  it('is the schema the running API serves', async () => {
    const served = printSchema(lexicographicSortSchema(api.app.get(GraphQLSchemaHost).schema));
    const printed = await printApiSchema();
    // The printed file starts with a comment of its own.
    expect(printed.replace(/^(#.*\n)+/, '').trim()).toBe(served.trim());
  });
});
