import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Role } from '@followthrough/shared-domain';
import { Actor, badInput, CurrentActor, notFound, RequiresRecentMfa, Roles } from '@followthrough/server-core';
import { CsvExportService } from '../services/csv-export.service';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function sendCsv(response: Response, filename: string, body: string): void {
  response
    .type('text/csv; charset=utf-8')
    .setHeader('content-disposition', `attachment; filename="${filename}"`)
    .setHeader('cache-control', 'private, no-store')
    .setHeader('x-content-type-options', 'nosniff')
    .send(body);
}

/**
 * CSV downloads: the same Bearer token and access rules as GraphQL (a client out of reach is 404).
 * Data leaves the product here, so someone with two-step sign-in must have given a code recently.
 */
@RequiresRecentMfa()
@Controller('export')
export class CsvExportController {
  constructor(private readonly exports: CsvExportService) {}

  @Roles(Role.AGENCY_ADMIN, Role.COACH)
  @Get('radar.csv')
  async radar(
    @CurrentActor() actor: Actor,
    @Query('coachUserId') coachUserId: string | undefined,
    @Res() response: Response,
  ): Promise<void> {
    if (coachUserId !== undefined && !UUID.test(coachUserId)) throw notFound('Coach');
    sendCsv(response, 'radar.csv', await this.exports.radarCsv(actor, { coachUserId }));
  }

  @Roles(Role.AGENCY_ADMIN)
  @Get('audit.csv')
  async audit(
    @CurrentActor() actor: Actor,
    @Query('from') from: string | undefined,
    @Query('to') to: string | undefined,
    @Res() response: Response,
  ): Promise<void> {
    const period = { from: from ? new Date(from) : undefined, to: to ? new Date(to) : undefined };
    if ([period.from, period.to].some((date) => date && Number.isNaN(date.getTime())))
      throw badInput('from', 'from and to must be ISO dates');
    sendCsv(response, 'audit.csv', await this.exports.auditCsv(actor, period));
  }

  @Get('clients/:clientUserId/pipeline.csv')
  async pipeline(
    @CurrentActor() actor: Actor,
    @Param('clientUserId') clientUserId: string,
    @Res() response: Response,
  ): Promise<void> {
    if (!UUID.test(clientUserId)) throw notFound('Client');
    sendCsv(response, 'pipeline.csv', await this.exports.pipelineCsv(actor, clientUserId.toLowerCase()));
  }
}
