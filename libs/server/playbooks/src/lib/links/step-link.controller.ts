import { Body, Controller, Get, HttpCode, Post, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { FollowUpOutcome } from '@followthrough/shared-domain';
import { Public } from '@followthrough/server-core';
import { linkPage } from '@followthrough/server-reminders';
import { ONE_CLICK_OUTCOMES, StepLinkService } from './step-link.service';

export const LOG_FOLLOW_UP_PATH = 'log-follow-up';

const INVALID = [
  'Link not valid',
  'This link is not valid any more. Open Followthrough to log your follow-up.',
] as const;

/** Plain HTML pages (no script) so the link works in any mail client's browser. */
@Controller()
export class StepLinkController {
  constructor(private readonly links: StepLinkService) {}

  @Public()
  @Get(LOG_FOLLOW_UP_PATH)
  async show(@Query('token') token: string | undefined, @Res() response: Response): Promise<void> {
    const linked = token ? await this.links.find(token) : null;
    if (!linked) {
      response
        .status(404)
        .type('html')
        .send(linkPage(...INVALID));
      return;
    }
    const { step, application } = linked;
    if (step.status !== 'PENDING') {
      response
        .type('html')
        .send(
          linkPage('Already settled', `This step for ${application.companyName} is already done or no longer needed.`),
        );
      return;
    }
    const choices = ONE_CLICK_OUTCOMES[step.purpose];
    response.type('html').send(
      linkPage(`How did it go with ${application.companyName}?`, `${application.title}: ${step.instructions}`, {
        action: `/${LOG_FOLLOW_UP_PATH}?token=${encodeURIComponent(token as string)}`,
        buttons: choices.map((choice) => ({ label: choice.label, name: 'outcome', value: choice.outcome })),
      }),
    );
  }

  @Public()
  @Post(LOG_FOLLOW_UP_PATH)
  @HttpCode(200)
  async log(
    @Query('token') token: string | undefined,
    @Body() body: { outcome?: string },
    @Res() response: Response,
  ): Promise<void> {
    const linked = token ? await this.links.find(token) : null;
    if (!linked) {
      response
        .status(404)
        .type('html')
        .send(linkPage(...INVALID));
      return;
    }
    const outcome = Object.values(FollowUpOutcome).find((value) => value === body?.outcome);
    const result = outcome ? await this.links.log(linked, outcome) : 'not-allowed';
    if (result === 'logged') {
      response
        .type('html')
        .send(
          linkPage(
            'Logged, thank you',
            `Your follow-up with ${linked.application.companyName} is recorded. Your next step, if any, will arrive by e-mail.`,
          ),
        );
    } else if (result === 'not-pending') {
      response
        .type('html')
        .send(linkPage('Already settled', 'This step was already done or is no longer needed; nothing was changed.'));
    } else {
      response
        .status(400)
        .type('html')
        .send(linkPage('Choose an answer', 'Pick one of the answers on the previous page; nothing was changed.'));
    }
  }
}
