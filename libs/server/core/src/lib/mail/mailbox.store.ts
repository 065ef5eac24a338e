import { Inject, Injectable } from '@nestjs/common';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AddressObject, simpleParser } from 'mailparser';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.tokens';
import { StoredMailEntry } from './mail-sink';

export interface StoredMail {
  id: string;
  receivedAt: Date;
  messageId: string | null;
  from: string | null;
  to: string[];
  subject: string;
  text: string;
  headers: Record<string, string>;
}

function addresses(value: AddressObject | AddressObject[] | undefined): string[] {
  const list = Array.isArray(value) ? value : value ? [value] : [];
  return list.flatMap((group) => group.value.map((address) => address.address ?? '').filter(Boolean));
}

/** Reads what the embedded sink stored under DATA_DIR/mail, newest first. */
@Injectable()
export class MailboxStore {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  private get folder(): string {
    return join(this.config.dataDir, 'mail');
  }

  async latest(first: number): Promise<StoredMail[]> {
    let index: string;
    try {
      index = await readFile(join(this.folder, 'index.jsonl'), 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    const entries = index
      .split('\n')
      .filter((line) => line.trim())
      .map((line) => JSON.parse(line) as StoredMailEntry)
      .reverse()
      .slice(0, first);
    return Promise.all(entries.map((entry) => this.read(entry)));
  }

  private async read(entry: StoredMailEntry): Promise<StoredMail> {
    const parsed = await simpleParser(await readFile(join(this.folder, entry.file)));
    const headers: Record<string, string> = {};
    for (const line of parsed.headerLines) headers[line.key] = line.line.slice(line.line.indexOf(':') + 1).trim();
    return {
      id: entry.id,
      receivedAt: new Date(entry.receivedAt),
      messageId: parsed.messageId ?? entry.messageId,
      from: addresses(parsed.from)[0] ?? entry.envelopeFrom,
      to: addresses(parsed.to).length ? addresses(parsed.to) : entry.envelopeTo,
      subject: parsed.subject ?? '',
      text: parsed.text ?? '',
      headers,
    };
  }
}
