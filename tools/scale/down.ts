import { down } from './topology';

// `npm run scale:down`: stops every process of the scale topology (its data stays under .data/scale).
down().catch((error: Error) => {
  console.error(`[scale] ${error.message}`);
  process.exit(1);
});
