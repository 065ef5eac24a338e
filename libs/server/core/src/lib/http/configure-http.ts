import { isUtf8 } from 'node:buffer';
import { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Express, NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import { collectReadsPerRequest } from '../audit/read-audit.context';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.tokens';
import { tenantPerRequest } from '../database/tenant-scope';

/** What any page of this origin may load: its own files only, and no framing anywhere. */
export const CONTENT_SECURITY_POLICY = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  // The link pages carry a small inline style sheet; inline styles cannot run code.
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  frameAncestors: ["'none'"],
  baseUri: ["'none'"],
  formAction: ["'self'"],
  objectSrc: ["'none'"],
};

class BodyNotUtf8Error extends Error {
  readonly type = 'body.not.utf8';
}

/** Body-parser failures answer like GraphQL errors do, with a code and no stack. */
function bodyErrors(maxBodyBytes: number) {
  return (error: { type?: string; status?: number }, _req: Request, response: Response, next: NextFunction): void => {
    if (error?.type === 'entity.too.large') {
      response.status(413).json({
        errors: [
          {
            message: `The request body is over ${maxBodyBytes} bytes; send less at once.`,
            extensions: { code: 'PAYLOAD_TOO_LARGE' },
          },
        ],
      });
      return;
    }
    if (
      error?.type === 'body.not.utf8' ||
      error?.type === 'entity.parse.failed' ||
      error?.type === 'charset.unsupported' ||
      error?.type === 'encoding.unsupported'
    ) {
      response.status(400).json({
        errors: [{ message: 'The request body must be JSON in UTF-8.', extensions: { code: 'BAD_USER_INPUT' } }],
      });
      return;
    }
    next(error);
  };
}

/** HTTP settings shared by the API and the tests' servers. */
export function configureHttp(app: INestApplication): AppConfig {
  const config = app.get<AppConfig>(APP_CONFIG);
  const express = app.getHttpAdapter().getInstance() as Express;
  express.set('trust proxy', config.trustProxy);
  express.disable('x-powered-by');
  express.use(collectReadsPerRequest);
  // Each request gets a tenant scope of its own, empty until the auth guard binds the actor's agency.
  express.use(tenantPerRequest);
  express.use(
    helmet({
      contentSecurityPolicy: { useDefaults: false, directives: CONTENT_SECURITY_POLICY },
      referrerPolicy: { policy: 'no-referrer' },
      frameguard: { action: 'deny' },
    }),
  );
  // Answers are personal (GraphQL, exports, feeds, link pages): no cache keeps them. The
  // dashboard's hashed files set their own caching when served.
  express.use((_req: Request, response: Response, next: NextFunction) => {
    response.setHeader('cache-control', 'no-store');
    next();
  });
  const verify = (_req: unknown, _res: unknown, body: Buffer) => {
    if (!isUtf8(body)) throw new BodyNotUtf8Error('The request body is not UTF-8.');
  };
  const parsers = app as unknown as NestExpressApplication;
  parsers.useBodyParser('json', { limit: config.limits.maxBodyBytes, verify });
  parsers.useBodyParser('urlencoded', { limit: config.limits.maxBodyBytes, extended: false, verify });
  express.use(bodyErrors(config.limits.maxBodyBytes));
  return config;
}
