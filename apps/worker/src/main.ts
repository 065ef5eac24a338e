import 'reflect-metadata';
import { closeOnSignals } from '@followthrough/server-core';
import { startWorker } from './bootstrap';

startWorker()
  .then((worker) => closeOnSignals([worker]))
  .catch((error: Error) => {
    console.error(error.name === 'ConfigError' ? error.message : error);
    process.exit(1);
  });
