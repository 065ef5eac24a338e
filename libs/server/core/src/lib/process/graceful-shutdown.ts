import { Logger } from '@nestjs/common';

export interface Closable {
  close(): Promise<unknown>;
}

export const SHUTDOWN_GRACE_MS = 30_000;

/**
 * On SIGINT/SIGTERM, closes each part in order (in-flight jobs finish, connections drain) and
 * exits 0; exits 1 if that takes longer than the grace period. Closing twice is harmless.
 */
export function closeOnSignals(parts: Closable[], graceMs = SHUTDOWN_GRACE_MS): void {
  const logger = new Logger('Shutdown');
  let closing = false;
  const shutdown = async (signal: NodeJS.Signals) => {
    if (closing) return;
    closing = true;
    logger.log(`${signal} received: finishing in-flight work (up to ${graceMs / 1000} s)`);
    const timer = setTimeout(() => {
      logger.error('Shutdown took too long; exiting anyway');
      process.exit(1);
    }, graceMs);
    timer.unref();
    try {
      for (const part of parts) await part.close();
      logger.log('Stopped cleanly');
      process.exit(0);
    } catch (error) {
      logger.error(`Shutdown failed: ${(error as Error).message}`);
      process.exit(1);
    }
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}
