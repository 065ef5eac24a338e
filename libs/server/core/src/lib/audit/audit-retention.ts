import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.tokens';
import { AuditService } from './audit.service';

const EVERY_MS = 60 * 60 * 1000;

/** Deletes audit events past AUDIT_RETENTION_DAYS, at start-up and hourly (any API process may; it is idempotent). */
@Injectable()
export class AuditRetention implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('AuditRetention');
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.auditRetentionDays === 0) return;
    const run = () =>
      this.audit
        .prune(this.config.auditRetentionDays)
        .catch((error: Error) => this.logger.warn(`Audit retention pass failed: ${error.message}`));
    void run();
    this.timer = setInterval(run, EVERY_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }
}
