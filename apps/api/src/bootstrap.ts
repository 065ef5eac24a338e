import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { configureHttp, loadAppConfig } from '@followthrough/server-core';
import { AppModule } from './app.module';

/** Builds and starts the HTTP API (GraphQL at /graphql, /health). Does not migrate the database. */
export async function startApi(): Promise<INestApplication> {
  // Checked before Nest starts logging, so that a bad variable is the only line printed.
  loadAppConfig();
  const app = await NestFactory.create(AppModule);
  const config = configureHttp(app);
  await app.listen(config.port, '0.0.0.0');
  return app;
}
