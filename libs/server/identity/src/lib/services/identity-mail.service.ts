import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { Role } from '@followthrough/shared-domain';
import { APP_CONFIG, AppConfig, MailPort, OutgoingMail } from '@followthrough/server-core';

const AS_ROLE: Record<Role, string> = {
  [Role.AGENCY_ADMIN]: 'an admin',
  [Role.COACH]: 'a coach',
  [Role.CLIENT]: 'a client',
};

/** The web pages the account e-mails link to. */
export const RESET_PASSWORD_PATH = '/reset-password';
export const VERIFY_EMAIL_PATH = '/verify-email';
export const ACCEPT_INVITATION_PATH = '/accept-invitation';

/**
 * The account e-mails (password reset, address verification, "someone used your address", invitations).
 * All but invitations are sent without being awaited: the caller answers the same, in the same time, whether a message
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

  verifyAddress(to: string, name: string, agencyName: string, link: string): void {
    this.send({
      to,
      subject: 'Confirm your e-mail address for Followthrough',
      text: [
        `Hello ${name},`,
        '',
        `To create the agency "${agencyName}" on Followthrough, confirm that this address is yours and`,
        'choose your password here; the link works once, for 24 hours:',
        '',
        link,
        '',
        'If you did not sign up, ignore this message: nothing has been created.',
      ].join('\n'),
    });
  }

  /**
   * The invitation itself: its link is the only copy of the token, so accepting it proves the mailbox.
   * Awaited, unlike the others: the admin is told when it could not be sent.
   */
  async invitation(to: string, invite: { agencyName: string; inviterName: string; role: Role; token: string }) {
    const link = new URL(ACCEPT_INVITATION_PATH, this.config.publicUrl);
    link.searchParams.set('token', invite.token);
    await this.mail.send(
      this.message({
        to,
        subject: `${invite.inviterName} invited you to ${invite.agencyName} on Followthrough`,
        text: [
          'Hello,',
          '',
          `${invite.inviterName} invited you to join ${invite.agencyName} on Followthrough as ${AS_ROLE[invite.role]}.`,
          'Accept here; the link works once, for 7 days:',
          '',
          link.toString(),
          '',
          'Already have a Followthrough account with this address? Accept with its password.',
          'Not expecting this? Ignore it: nothing happens unless you accept.',
        ].join('\n'),
      }),
    );
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

  private message(message: Omit<OutgoingMail, 'headers' | 'messageId'>): OutgoingMail {
    return { ...message, headers: {}, messageId: `<account-${randomUUID()}@followthrough>` };
  }

  private send(message: Omit<OutgoingMail, 'headers' | 'messageId'>): void {
    const mail = this.message(message);
    this.mail.send(mail).catch((error: unknown) => {
      this.logger.warn(`Could not send "${mail.subject}": ${error instanceof Error ? error.message : String(error)}`);
    });
  }
}
