import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Role } from '@followthrough/shared-domain';
import { Actor, CurrentActor, notFound, Roles } from '@followthrough/server-core';
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

/** CSV downloads: the same Bearer token and access rules as GraphQL (a client out of reach is 404). */
@Controller('export')
export class CsvExportController {
  constructor(private readonly exports: CsvExportService) {}

  @Roles(Role.AGENCY_ADMIN, Role.COACH)
  @Get('radar.csv')
  async radar(@CurrentActor() actor: Actor, @Query('coachUserId') coachUserId: string | undefined, @Res() response: Response): Promise<void> {
    if (coachUserId !== undefined && !UUID.test(coachUserId)) throw notFound('Coach');
    sendCsv(response, 'radar.csv', await this.exports.radarCsv(actor, { coachUserId }));
  }

  @Get('clients/:clientUserId/pipeline.csv')
  async pipeline(@CurrentActor() actor: Actor, @Param('clientUserId') clientUserId: string, @Res() response: Response): Promise<void> {
    if (!UUID.test(clientUserId)) throw notFound('Client');
    sendCsv(response, 'pipeline.csv', await this.exports.pipelineCsv(actor, clientUserId.toLowerCase()));
  }
}
