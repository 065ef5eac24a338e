import { currentLaneTicket, isMailWithdrawn, loadSmtpLaneSettings, MailWithdrawnError, SmtpLanes } from './smtp-lanes';

const tick = () => new Promise((done) => setImmediate(done));

function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

describe('SmtpLanes', () => {
  it('runs at most `lanes` tasks at once and starts the next as one ends', async () => {
    const lanes = new SmtpLanes(2);
    const gates = [gate(), gate(), gate()];
    const started: number[] = [];
    const runs = gates.map((g, index) =>
      lanes.run(async () => {
        started.push(index);
        await g.opened;
        return index;
      }),
    );
    await tick();
    expect(started).toEqual([0, 1]);
    gates[0].open();
    await tick();
    expect(started).toEqual([0, 1, 2]);
    gates[1].open();
    gates[2].open();
    expect(await Promise.all(runs)).toEqual([0, 1, 2]);
  });

  it('gives the commit turn to one task at a time, until that task has settled', async () => {
    const lanes = new SmtpLanes(3);
    const events: string[] = [];
    const records = [gate(), gate()];
    const runs = records.map((record, index) =>
      lanes.run(async () => {
        await currentLaneTicket()?.takeCommitTurn();
        events.push(`dot ${index}`);
        await record.opened; // "250" heard, SENT being committed
        events.push(`recorded ${index}`);
      }),
    );
    await tick();
    expect(events).toEqual(['dot 0']);
    records[1].open();
    await tick();
    expect(events).toEqual(['dot 0']);
    records[0].open();
    await Promise.all(runs);
    expect(events).toEqual(['dot 0', 'recorded 0', 'dot 1', 'recorded 1']);
  });

  it('on close withdraws waiting and conversing tasks but lets the one in doubt finish', async () => {
    const lanes = new SmtpLanes(2);
    const reply = gate();
    const inDoubt = lanes.run(async () => {
      await currentLaneTicket()?.takeCommitTurn();
      await reply.opened;
      return 'sent';
    });
    const conversing = lanes.run(async () => {
      const ticket = currentLaneTicket();
      await new Promise((_, fail) => ticket?.signal.addEventListener('abort', () => fail(ticket.signal.reason)));
    });
    const waiting = lanes.run(async () => 'never started');
    await tick();
    lanes.close('stopping');
    await expect(conversing).rejects.toBeInstanceOf(MailWithdrawnError);
    await expect(waiting).rejects.toBeInstanceOf(MailWithdrawnError);
    await expect(lanes.run(async () => 'late')).rejects.toBeInstanceOf(MailWithdrawnError);
    reply.open();
    expect(await inDoubt).toBe('sent');
    expect(lanes.busy).toBe(0);
  });

  it('abandons the message in doubt when its reply has not come within the given time', async () => {
    const lanes = new SmtpLanes(1);
    const inDoubt = lanes.run(async () => {
      const ticket = currentLaneTicket();
      await ticket?.takeCommitTurn();
      await new Promise((_, fail) => ticket?.signal.addEventListener('abort', () => fail(ticket.signal.reason)));
    });
    await tick();
    lanes.close('stopping', 20);
    await expect(inDoubt).rejects.toThrow(/no reply to the message in doubt/);
    await expect(inDoubt).rejects.not.toBeInstanceOf(MailWithdrawnError);
  });
});

describe('loadSmtpLaneSettings', () => {
  it('has defaults below the shutdown grace and names the variable of a bad value', () => {
    expect(loadSmtpLaneSettings({})).toEqual({ lanes: 4, timeoutMs: 15_000, deadlineMs: 60_000 });
    expect(() => loadSmtpLaneSettings({ REMINDER_SMTP_LANES: '0' })).toThrow(
      /REMINDER_SMTP_LANES must be a whole number from 1 to 32/,
    );
    expect(() => loadSmtpLaneSettings({ REMINDER_SMTP_TIMEOUT_MS: '40000' })).toThrow(/REMINDER_SMTP_TIMEOUT_MS/);
  });
});

describe('isMailWithdrawn', () => {
  it('recognises the error, also by name across module copies', () => {
    expect(isMailWithdrawn(new MailWithdrawnError('x'))).toBe(true);
    expect(isMailWithdrawn(Object.assign(new Error('x'), { name: 'MailWithdrawnError' }))).toBe(true);
    expect(isMailWithdrawn(new Error('x'))).toBe(false);
  });
});
