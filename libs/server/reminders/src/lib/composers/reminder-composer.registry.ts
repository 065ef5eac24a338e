import { Injectable } from '@nestjs/common';
import { REMINDER_KINDS, ReminderKind } from '@followthrough/shared-domain';
import { ReminderComposer } from './reminder-composer';
import { NOTICE_KIND, noticeComposer } from './notice.composer';

const KIND = /^[a-z][a-z0-9]*(?:[.-][a-z0-9]+)*$/;

/** Composers by reminder kind. One registry per application context; contexts register at module init. */
@Injectable()
export class ReminderComposerRegistry {
  private readonly composers = new Map<string, ReminderComposer>([[NOTICE_KIND, noticeComposer]]);

  register(kind: string, composer: ReminderComposer): void {
    if (!KIND.test(kind) || kind.length > 64)
      throw new Error(`Invalid reminder kind "${kind}" (lower-case words joined by . or -)`);
    const existing = this.composers.get(kind);
    if (existing && existing !== composer)
      throw new Error(`A composer for reminder kind "${kind}" is already registered`);
    this.composers.set(kind, composer);
  }

  get(kind: string): ReminderComposer | null {
    return this.composers.get(kind) ?? null;
  }

  kinds(): string[] {
    return [...this.composers.keys()].sort();
  }

  /** The kinds among `required` that no composer writes yet. */
  missing(required: readonly ReminderKind[] = REMINDER_KINDS): ReminderKind[] {
    return required.filter((kind) => !this.composers.has(kind));
  }

  /**
   * Fails when a kind the product schedules has no composer. The worker calls it once its modules
   * have registered theirs, so a missing composer stops the boot instead of failing reminders when due.
   */
  assertComplete(required: readonly ReminderKind[] = REMINDER_KINDS): void {
    const missing = this.missing(required);
    if (missing.length > 0)
      throw new Error(
        `No composer is registered for reminder kind(s) ${missing.map((kind) => `"${kind}"`).join(', ')}`,
      );
  }
}
