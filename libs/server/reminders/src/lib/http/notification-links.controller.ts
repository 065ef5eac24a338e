import { Body, Controller, Get, Post, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Public } from '@followthrough/server-core';
import { NotificationMode } from '../entities';
import {
  NotificationPreferenceService,
  PREFERENCES_PATH,
  UNSUBSCRIBE_PATH,
} from '../services/notification-preference.service';
import { linkPage } from './link-page';

const INVALID = 'This link is not valid or has expired. Sign in to Followthrough to change your e-mail settings.';

/**
 * The login-free pages behind the links in reminder e-mails. Opening a link never changes
 * anything (mail scanners open links); the change is a POST, which is also what one-click
 * unsubscribe (RFC 8058) sends.
 */
@Public()
@Controller()
export class NotificationLinksController {
  constructor(private readonly preferences: NotificationPreferenceService) {}

  @Get(UNSUBSCRIBE_PATH)
  async unsubscribePage(@Query('token') token: string, @Res() response: Response): Promise<void> {
    const person = await this.preferences.withUnsubscribeToken(String(token ?? ''));
    if (!person) return this.send(response, 400, linkPage('Link not valid', INVALID));
    this.send(
      response,
      200,
      linkPage('Unsubscribe', 'Stop all reminder e-mails from Followthrough?', {
        action: `${UNSUBSCRIBE_PATH}?token=${encodeURIComponent(token)}`,
        buttons: [{ label: 'Unsubscribe' }],
      }),
    );
  }

  @Post(UNSUBSCRIBE_PATH)
  async unsubscribe(@Query('token') token: string, @Res() response: Response): Promise<void> {
    const done = await this.preferences.unsubscribeWithToken(String(token ?? ''));
    if (!done) return this.send(response, 400, linkPage('Link not valid', INVALID));
    this.send(
      response,
      200,
      linkPage('Unsubscribed', 'You will get no more reminder e-mails. You can turn them back on in your settings.'),
    );
  }

  @Get(PREFERENCES_PATH)
  async preferencesPage(@Query('token') token: string, @Res() response: Response): Promise<void> {
    const person = await this.preferences.withToken(String(token ?? ''));
    if (!person) return this.send(response, 400, linkPage('Link not valid', INVALID));
    const now = person.unsubscribed
      ? 'no reminder e-mails'
      : person.mode === NotificationMode.DAILY_DIGEST
        ? 'one daily digest'
        : 'each reminder as it falls due';
    this.send(
      response,
      200,
      linkPage('Reminder e-mails', `You currently get ${now}.`, {
        action: `${PREFERENCES_PATH}?token=${encodeURIComponent(token)}`,
        buttons: [
          { label: 'Each reminder as it falls due', name: 'choice', value: 'IMMEDIATE' },
          { label: 'One daily digest', name: 'choice', value: 'DAILY_DIGEST' },
          { label: 'No reminder e-mails', name: 'choice', value: 'UNSUBSCRIBE' },
        ],
      }),
    );
  }

  @Post(PREFERENCES_PATH)
  async setPreferences(
    @Query('token') token: string,
    @Body() body: Record<string, unknown>,
    @Res() response: Response,
  ): Promise<void> {
    const choice = String(body?.['choice'] ?? '');
    const change =
      choice === 'UNSUBSCRIBE'
        ? { unsubscribed: true }
        : choice === NotificationMode.IMMEDIATE || choice === NotificationMode.DAILY_DIGEST
          ? { mode: choice, unsubscribed: false }
          : null;
    if (!change)
      return this.send(response, 400, linkPage('Choose an option', 'Pick one of the options on the previous page.'));
    const saved = await this.preferences.setWithToken(String(token ?? ''), change);
    if (!saved) return this.send(response, 400, linkPage('Link not valid', INVALID));
    this.send(response, 200, linkPage('Saved', 'Your e-mail settings are saved.'));
  }

  private send(response: Response, status: number, html: string): void {
    response
      .status(status)
      .set({
        'content-type': 'text/html; charset=utf-8',
        'cache-control': 'no-store',
        'content-security-policy':
          "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'",
        'referrer-policy': 'no-referrer',
        'x-content-type-options': 'nosniff',
      })
      .send(html);
  }
}
