import { INestApplication } from '@nestjs/common';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { Test } from '@nestjs/testing';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { AppModule } from '../app.module';
import { printApiSchema } from './print-schema';

describe('the printed schema', () => {
  let app: INestApplication;

  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({ imports: [AppModule] }).compile();
    app = moduleRef.createNestApplication({ logger: ['error', 'warn'] });
    await app.init();
  });

  afterAll(() => app?.close());

  it('is the schema the running API serves', async () => {
    const served = printSchema(lexicographicSortSchema(app.get(GraphQLSchemaHost).schema));
    const printed = await printApiSchema();
    // The printed file starts with a comment of its own.
    expect(printed.replace(/^(#.*\n)+/, '').trim()).toBe(served.trim());
  });
});
