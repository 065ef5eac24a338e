import { buildMail, composeDigest, reminderMessageId } from './reminder-message';

describe('reminder messages', () => {
  const links = {
    unsubscribeUrl: 'https://app.test/notifications/unsubscribe?token=u',
    preferencesUrl: 'https://app.test/notifications/preferences?token=p',
  };

  it('adds the links, the one-click unsubscribe headers and a fixed Message-ID', () => {
    const mail = buildMail(
      'jane@example.test',
      reminderMessageId('r1'),
      { subject: 'Call', text: 'Call them.\n\n', html: '<p>Call them.</p>' },
      links,
      {
        'X-Followthrough-Reminder': 'r1',
      },
    );
    expect(mail.messageId).toBe('<reminder.r1@followthrough>');
    expect(mail.text).toContain('Call them.\n\n--\n');
    expect(mail.text).toContain(links.unsubscribeUrl);
    expect(mail.html).toContain('href="https://app.test/notifications/unsubscribe?token=u"');
    expect(mail.headers).toMatchObject({
      'List-Unsubscribe': `<${links.unsubscribeUrl}>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
      'X-Followthrough-Reminder': 'r1',
    });
  });

  it('numbers the sections of a digest', () => {
    const digest = composeDigest('Jane', 'Tuesday 9 June', [
      { subject: 'Call Acme', text: 'Ask for the hiring manager.' },
      { subject: 'Visit Globex', text: 'Bring your CV.' },
    ]);
    expect(digest.subject).toBe('Your follow-ups for Tuesday 9 June: 2 steps');
    expect(digest.text).toContain('1. Call Acme\n\n   Ask for the hiring manager.');
    expect(digest.text).toContain('2. Visit Globex');
  });
});
