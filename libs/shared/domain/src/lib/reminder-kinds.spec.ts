import { REMINDER_KINDS, ReminderKinds } from './reminder-kinds';

describe('reminder kinds', () => {
  it('lists each kind once, every one a valid kind name', () => {
    expect(new Set(REMINDER_KINDS).size).toBe(REMINDER_KINDS.length);
    expect(REMINDER_KINDS).toContain(ReminderKinds.STEP_DUE);
    for (const kind of REMINDER_KINDS) expect(kind).toMatch(/^[a-z][a-z0-9]*(?:[.-][a-z0-9]+)*$/);
  });
});
