import { Injectable } from '@nestjs/common';
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
}
