import { classifyMailFailure } from './mail-failure';

describe('classifyMailFailure', () => {
  it('treats a 5xx reply as permanent and keeps the server’s words', () => {
    const error = Object.assign(new Error("Can't send mail - all recipients were rejected"), {
      responseCode: 550,
      response: '550 5.1.1 Mailbox unavailable',
    });
    expect(classifyMailFailure(error)).toEqual({
      kind: 'permanent',
      responseCode: 550,
      reason: '550 5.1.1 Mailbox unavailable',
    });
  });

  it('treats a 4xx reply, a timeout or a dropped connection as temporary', () => {
    expect(classifyMailFailure(Object.assign(new Error('busy'), { responseCode: 451 })).kind).toBe('temporary');
    expect(classifyMailFailure(Object.assign(new Error('Timeout'), { code: 'ETIMEDOUT' }))).toEqual({
      kind: 'temporary',
      responseCode: null,
      reason: 'Timeout',
    });
    expect(classifyMailFailure('socket hang up').kind).toBe('temporary');
  });
});
