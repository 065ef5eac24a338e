import { parseSmtpUrl, queuedIdFrom } from './smtp-url';

describe('parseSmtpUrl', () => {
  it('reads host, port, TLS and percent-encoded credentials', () => {
    expect(parseSmtpUrl('smtp://127.0.0.1:2525')).toEqual({ host: '127.0.0.1', port: 2525, secure: false });
    expect(parseSmtpUrl('smtps://mailer%40example.com:p%2Fss@smtp.example.com')).toEqual({
      host: 'smtp.example.com',
      port: 465,
      secure: true,
      auth: { user: 'mailer@example.com', pass: 'p/ss' },
    });
    expect(parseSmtpUrl('smtp://[::1]:25').host).toBe('::1');
  });
});

describe('queuedIdFrom', () => {
  it('finds the queue id servers commonly report', () => {
    expect(queuedIdFrom('250 2.0.0 Ok: queued as 4Bx9Zm1q')).toBe('4Bx9Zm1q');
    expect(queuedIdFrom('250 Message queued as abc-123')).toBe('abc-123');
    expect(queuedIdFrom('250 OK')).toBeNull();
    expect(queuedIdFrom(undefined)).toBeNull();
  });
});
