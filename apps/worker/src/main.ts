import 'reflect-metadata';
import { GracefulShutdown } from '@followthrough/server-core';

// Installed before the worker's modules even load: a SIGTERM during boot waits for the boot to
// end and then closes cleanly, instead of killing the process by signal.
const shutdown = new GracefulShutdown().install();

import('./bootstrap')
  .then(({ startWorker }) => startWorker())
  .then((worker) => shutdown.started([worker]))
  .catch((error: Error) => {
    console.error(error.name === 'ConfigError' ? error.message : error);
    shutdown.failed();
  });
