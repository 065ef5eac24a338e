import { DynamicModule, Inject, Logger, Module, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { existsSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { join, sep } from 'node:path';
import type { NextFunction, Request, Response } from 'express';
import expressStaticGzip from 'express-static-gzip';
import { isWebAppRoute } from './web-app-route';

export interface WebAppOptions {
  /** The folder Vite built the web app into (it holds index.html and assets/). */
  directory: string;
}

const WEB_APP_OPTIONS = Symbol('WEB_APP_OPTIONS');

// The page runs only our own bundle and talks only to this origin; invitation tokens sit in
// its URL, so it sends no referrer anywhere.
const INDEX_HEADERS: Record<string, string> = {
  'cache-control': 'no-cache',
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
    "frame-ancestors 'none'; base-uri 'none'; form-action 'self'; object-src 'none'",
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
};

/**
 * Serves the built web dashboard from the API's origin: its files, and index.html for the
 * dashboard's own page addresses. It is registered after every controller and after GraphQL,
 * so an API route always wins; /graphql and /health are excluded outright as well.
 */
@Module({})
export class WebAppModule implements OnModuleInit {
  private readonly logger = new Logger('WebApp');

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    @Inject(WEB_APP_OPTIONS) private readonly options: WebAppOptions,
  ) {}

  static forRoot(options: WebAppOptions): DynamicModule {
    return { module: WebAppModule, providers: [{ provide: WEB_APP_OPTIONS, useValue: options }] };
  }

  onModuleInit(): void {
    const adapter = this.adapterHost.httpAdapter;
    if (!adapter) return; // an application context without HTTP (the worker)
    const indexFile = join(this.options.directory, 'index.html');
    if (!existsSync(indexFile)) {
      this.logger.warn(`No web dashboard at ${this.options.directory}; run "npm run build:web" to build it.`);
      return;
    }
    const assetsFolder = join(this.options.directory, 'assets') + sep;
    // The build writes .br and .gz beside each file; the best one the browser accepts is sent as is.
    adapter.use(
      expressStaticGzip(this.options.directory, {
        enableBrotli: true,
        orderPreference: ['br', 'gz'],
        index: false,
        serveStatic: {
          index: false,
          redirect: false,
          fallthrough: true,
          setHeaders: (response: ServerResponse, path: string) => {
            // Vite puts a content hash in every asset's name, so an asset never changes.
            if (path.startsWith(assetsFolder))
              response.setHeader('cache-control', 'public, max-age=31536000, immutable');
            // The service worker and the manifest keep their names: always ask whether they changed.
            else response.setHeader('cache-control', 'no-cache');
          },
        },
      }),
    );
    adapter.use((request: Request, response: Response, next: NextFunction) => {
      if (!isWebAppRoute(request.method, request.path, request.headers.accept)) return next();
      response.set(INDEX_HEADERS);
      response.sendFile(indexFile, (error?: Error) => {
        if (error && !response.headersSent) next(error);
      });
    });
  }
}
