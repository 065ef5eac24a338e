/** Connection settings read from an smtp:// or smtps:// URL (credentials percent-decoded). */
export interface SmtpEndpoint {
  host: string;
  port: number;
  secure: boolean;
  auth?: { user: string; pass: string };
}

export function parseSmtpUrl(smtpUrl: string): SmtpEndpoint {
  const url = new URL(smtpUrl);
  const secure = url.protocol === 'smtps:';
  const endpoint: SmtpEndpoint = {
    host: url.hostname.replace(/^\[|\]$/g, ''),
    port: Number(url.port || (secure ? 465 : 587)),
    secure,
  };
  if (url.username) endpoint.auth = { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) };
  return endpoint;
}

/** The queue id in a reply like "250 2.0.0 Ok: queued as 4Bx9Zm1q", if the server gave one. */
export function queuedIdFrom(response: string | undefined): string | null {
  const match = /queued as ([^\s;,]+)/i.exec(response ?? '');
  return match ? match[1] : null;
}
