import 'reflect-metadata';
import { startWorker } from './bootstrap';

startWorker().catch((error: Error) => {
  console.error(error.name === 'ConfigError' ? error.message : error);
  process.exit(1);
});
