import { Controller, Get, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Role } from '@followthrough/shared-domain';
import { Actor, CurrentActor, RequiresRecentMfa, Roles } from '@followthrough/server-core';
import { DataRightsService } from '../services/data-rights.service';

/** A client's own data as a zip, fetched with the Bearer token like the CSV exports (never a token in the URL). */
@RequiresRecentMfa()
@Controller('export')
export class MyDataController {
  constructor(private readonly rights: DataRightsService) {}

  @Roles(Role.CLIENT)
  @Get('my-data.zip')
  async myData(@CurrentActor() actor: Actor, @Res() response: Response): Promise<void> {
    const archive = await this.rights.myDataArchive(actor);
    response
      .type('application/zip')
      .setHeader('content-disposition', 'attachment; filename="my-data.zip"')
      .setHeader('cache-control', 'private, no-store')
      .setHeader('x-content-type-options', 'nosniff')
      .send(Buffer.from(archive.buffer, archive.byteOffset, archive.byteLength));
  }
}
