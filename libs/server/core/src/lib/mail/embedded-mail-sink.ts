import { resolve } from 'node:path';
import { MailSink } from './mail-sink';

interface SharedSink {
  sink: MailSink;
  started: Promise<string>;
  users: number;
}

// `npm start` runs the API and the worker in one process: they share one sink per folder.
const running = new Map<string, SharedSink>();

export interface AcquiredMailSink {
  url: string;
  release(): Promise<void>;
}

/** Starts (or joins) the loopback mail sink storing into `folder`; the last release stops it. */
export async function acquireMailSink(folder: string): Promise<AcquiredMailSink> {
  const key = resolve(folder);
  let shared = running.get(key);
  if (!shared) {
    const sink = new MailSink(key);
    shared = { sink, started: sink.start(), users: 0 };
    running.set(key, shared);
  }
  shared.users += 1;
  const entry = shared;
  let released = false;
  const release = async () => {
    if (released) return;
    released = true;
    entry.users -= 1;
    if (entry.users === 0) {
      running.delete(key);
      await entry.sink.stop();
    }
  };
  try {
    return { url: await entry.started, release };
  } catch (error) {
    await release();
    throw error;
  }
}
