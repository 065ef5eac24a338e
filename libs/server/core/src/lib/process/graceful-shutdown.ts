import { Logger } from '@nestjs/common';

export interface Closable {
  close(): Promise<unknown>;
}

export const SHUTDOWN_GRACE_MS = 30_000;

/**
 * Clean exit on SIGINT/SIGTERM. Install it before booting, then hand it the parts once they are
 * up: a signal that arrives during boot waits for the boot to end and then closes what started.
 * Parts close in order (in-flight work is finished or handed back, connections drain), then the
 * process exits 0; 1 if that fails or outlasts the grace period. A second signal changes nothing.
 */
export class GracefulShutdown {
  private readonly logger = new Logger('Shutdown');
  private parts: Closable[] | null = null;
  private signal: NodeJS.Signals | null = null;
  private bootFailed = false;

  constructor(private readonly graceMs = SHUTDOWN_GRACE_MS) {}

  /** Listens for SIGINT and SIGTERM from now on. */
  install(): this {
    const onSignal = (signal: NodeJS.Signals) => this.onSignal(signal);
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    return this;
  }

  /** The process is up: these parts are closed on a signal (at once if one has already come). */
  started(parts: Closable[]): void {
    this.parts = parts;
    if (this.signal) void this.close();
  }

  /** Boot failed: exits 1, even if a signal came meanwhile. */
  failed(): never {
    this.bootFailed = true;
    process.exit(1);
  }

  private onSignal(signal: NodeJS.Signals): void {
    if (this.signal) return;
    this.signal = signal;
    const timer = setTimeout(() => {
      this.logger.error(`Shutdown took longer than ${this.graceMs / 1000} s; exiting anyway`);
      process.exit(1);
    }, this.graceMs);
    timer.unref();
    if (this.parts) {
      this.logger.log(`${signal} received: finishing in-flight work (up to ${this.graceMs / 1000} s)`);
      void this.close();
    } else {
      this.logger.log(`${signal} received while starting: stopping once started (up to ${this.graceMs / 1000} s)`);
    }
  }

  private async close(): Promise<void> {
    if (this.bootFailed) return;
    try {
      for (const part of this.parts ?? []) await part.close();
      this.logger.log('Stopped cleanly');
      process.exit(0);
    } catch (error) {
      this.logger.error(`Shutdown failed: ${(error as Error).message}`);
      process.exit(1);
    }
  }
}

/** For a process already started: closes `parts` on SIGINT/SIGTERM (see GracefulShutdown). */
export function closeOnSignals(parts: Closable[], graceMs = SHUTDOWN_GRACE_MS): void {
  new GracefulShutdown(graceMs).install().started(parts);
}
