import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, AppConfig, MailPort, OutgoingMail } from '@followthrough/server-core';

/** The web pages the account e-mails link to. */
export const RESET_PASSWORD_PATH = '/reset-password';
export const VERIFY_EMAIL_PATH = '/verify-email';

/**
 * The account e-mails (password reset, address verification, "someone used your address"). They
 * are sent without being awaited: the caller answers the same, in the same time, whether a message
 * went out or not, so the answer says nothing about which addresses have accounts. A failed send is
 * logged; the person can ask again.
 */
@Injectable()
export class IdentityMailService {
  private readonly logger = new Logger('IdentityMail');

  constructor(
    private readonly mail: MailPort,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  passwordReset(to: string, name: string, link: string): void {
    this.send({
      to,
      subject: 'Reset your Followthrough password',
      text: [
        `Hello ${name},`,
        '',
        'Someone (we hope you) asked to reset the password of your Followthrough account.',
        'Choose a new password here; the link works once, for 30 minutes:',
        '',
        link,
        '',
        'Every device signed in to your account will be signed out.',
        'If you did not ask, ignore this message: your password stays as it is.',
      ].join('\n'),
    });
  }

  verifyAddress(to: string, name: string, link: string): void {
    this.send({
      to,
      subject: 'Confirm your e-mail address for Followthrough',
      text: [
        `Hello ${name},`,
        '',
        'Confirm that this address is yours to start using Followthrough; the link works once, for 24 hours:',
        '',
        link,
        '',
        'If you did not sign up, ignore this message and nothing more will happen.',
      ].join('\n'),
    });
  }

  signUpWithExistingAddress(to: string, name: string): void {
    const signIn = new URL('/sign-in', this.config.publicUrl).toString();
    const forgot = new URL('/forgot-password', this.config.publicUrl).toString();
    this.send({
      to,
      subject: 'Someone tried to sign up to Followthrough with your address',
      text: [
        `Hello ${name},`,
        '',
        'Someone just tried to create a new agency on Followthrough with this e-mail address, which',
        'already has an account. Nothing was created.',
        '',
        `If it was you, sign in instead: ${signIn}`,
        `Forgotten your password? Reset it: ${forgot}`,
        '',
        'If it was not you, you need do nothing.',
      ].join('\n'),
    });
  }

  private send(message: Omit<OutgoingMail, 'headers' | 'messageId'>): void {
    const mail: OutgoingMail = { ...message, headers: {}, messageId: `<account-${randomUUID()}@followthrough>` };
    this.mail.send(mail).catch((error: unknown) => {
      this.logger.warn(`Could not send "${mail.subject}": ${error instanceof Error ? error.message : String(error)}`);
    });
  }
}
