import { INestApplication } from '@nestjs/common';
import type { Express } from 'express';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.tokens';

/** HTTP settings shared by the API and the tests' servers. */
export function configureHttp(app: INestApplication): AppConfig {
  const config = app.get<AppConfig>(APP_CONFIG);
  const express = app.getHttpAdapter().getInstance() as Express;
  express.set('trust proxy', config.trustProxy);
  express.disable('x-powered-by');
  return config;
}
