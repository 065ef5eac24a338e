import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { startApi } from './bootstrap';

startApi()
  .then(async (app) => new Logger('Api').log(`API listening on ${await app.getUrl()}`))
  .catch((error: Error) => {
    // Configuration errors already name the variable; print just that line.
    console.error(error.name === 'ConfigError' ? error.message : error);
    process.exit(1);
  });
