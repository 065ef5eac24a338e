import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { closeOnSignals } from '@followthrough/server-core';
import { startApi } from './bootstrap';

startApi()
  .then(async (app) => {
    closeOnSignals([app]);
    new Logger('Api').log(`API listening on ${await app.getUrl()}`);
  })
  .catch((error: Error) => {
    // Configuration errors already name the variable; print just that line.
    console.error(error.name === 'ConfigError' ? error.message : error);
    process.exit(1);
  });
