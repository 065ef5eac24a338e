import { loadReminderSettings } from './reminder-settings';

describe('loadReminderSettings', () => {
  it('defaults to a 15 s scan and 6 attempts with exponential backoff from 30 s', () => {
    expect(loadReminderSettings({})).toMatchObject({
      scanEveryMs: 15_000,
      attempts: 6,
      backoffMs: 30_000,
      queuePrefix: 'bull',
    });
  });

  it('finds a row whose queue job was lost within a minute, and ensures the scan’s scheduler twice a minute', () => {
    const settings = loadReminderSettings({});
    expect(settings.reclaimAfterMs + settings.scanEveryMs).toBeLessThanOrEqual(60_000);
    expect(settings.ensureSchedulerEveryMs).toBe(30_000);
  });

  it('never allows fewer than 5 attempts and refuses odd values, naming the variable', () => {
    expect(() => loadReminderSettings({ REMINDER_ATTEMPTS: '3' })).toThrow('REMINDER_ATTEMPTS');
    expect(() => loadReminderSettings({ REMINDER_SCAN_EVERY_MS: 'often' })).toThrow('REMINDER_SCAN_EVERY_MS');
    expect(() => loadReminderSettings({ REMINDER_QUEUE_PREFIX: 'a b' })).toThrow('REMINDER_QUEUE_PREFIX');
    expect(loadReminderSettings({ REMINDER_ATTEMPTS: '5', REMINDER_BACKOFF_MS: '10' })).toMatchObject({
      attempts: 5,
      backoffMs: 10,
    });
  });
});
