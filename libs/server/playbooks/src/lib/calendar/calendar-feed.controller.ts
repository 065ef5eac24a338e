import { Controller, Get, NotFoundException, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Public } from '@followthrough/server-core';
import { CalendarFeedService } from './calendar-feed.service';

/** Calendar apps fetch this without signing in; the signed token in the URL is the credential. */
@Controller('calendar')
export class CalendarFeedController {
  constructor(private readonly feeds: CalendarFeedService) {}

  @Public()
  @Get('steps.ics')
  async steps(@Query('token') token: string | undefined, @Res() response: Response): Promise<void> {
    const document = token ? await this.feeds.render(token) : null;
    if (!document) throw new NotFoundException('This calendar link is not valid; copy a fresh one from Followthrough.');
    response.type('text/calendar; charset=utf-8').send(document);
  }
}
