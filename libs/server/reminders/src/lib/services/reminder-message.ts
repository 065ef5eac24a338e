import type { OutgoingMail } from '@followthrough/server-core';
import type { ComposedMessage } from '../composers/reminder-composer';

export interface RecipientLinks {
  unsubscribeUrl: string;
  preferencesUrl: string;
}

/** Message-IDs are fixed per reminder and per digest, so resends are recognisable as such. */
export const reminderMessageId = (reminderId: string) => `<reminder.${reminderId}@followthrough>`;
export const digestMessageId = (digestId: string) => `<digest.${digestId}@followthrough>`;

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

function footerText(links: RecipientLinks): string {
  return (
    `\n\n--\nYou get these e-mails because your agency uses Followthrough.\n` +
    `Each reminder, or one daily digest: ${links.preferencesUrl}\n` +
    `Unsubscribe: ${links.unsubscribeUrl}\n`
  );
}

function footerHtml(links: RecipientLinks): string {
  return (
    `<hr><p style="color:#666;font-size:12px">You get these e-mails because your agency uses Followthrough. ` +
    `<a href="${escapeHtml(links.preferencesUrl)}">Each reminder, or one daily digest</a> · ` +
    `<a href="${escapeHtml(links.unsubscribeUrl)}">Unsubscribe</a></p>`
  );
}

/** The e-mail for a composed message: the preferences and unsubscribe links and the one-click unsubscribe headers. */
export function buildMail(
  to: string,
  messageId: string,
  message: ComposedMessage,
  links: RecipientLinks,
  tag: Record<string, string>,
): OutgoingMail {
  return {
    to,
    subject: message.subject,
    text: `${message.text.trimEnd()}${footerText(links)}`,
    html: message.html === undefined ? undefined : `${message.html}${footerHtml(links)}`,
    headers: {
      'List-Unsubscribe': `<${links.unsubscribeUrl}>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
      'Auto-Submitted': 'auto-generated',
      ...tag,
    },
    messageId,
  };
}

/** One daily e-mail: each due reminder as a numbered section. */
export function composeDigest(firstName: string, dayLabel: string, sections: ComposedMessage[]): ComposedMessage {
  const count = sections.length === 1 ? '1 step' : `${sections.length} steps`;
  const body = sections
    .map((section, index) => `${index + 1}. ${section.subject}\n\n${section.text.trim().replace(/^/gm, '   ')}`)
    .join('\n\n');
  return {
    subject: `Your follow-ups for ${dayLabel}: ${count}`,
    text: `Hello ${firstName},\n\nHere is what is due:\n\n${body}\n`,
  };
}

export function firstNameOf(name: string): string {
  return name.trim().split(/\s+/)[0] || name;
}

/** Keeps stored error texts short. */
export function errorText(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.length > 500 ? `${message.slice(0, 497)}...` : message;
}
