import 'reflect-metadata';
import { up } from './topology';

// `npm run scale:up`: the scale topology on loopback (see README, "Scale topology").
up().catch((error: Error) => {
  console.error(`[scale] ${error.message}`);
  process.exit(1);
});
