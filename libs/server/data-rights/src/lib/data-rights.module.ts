import { Module } from '@nestjs/common';
import { IdentityModule } from '@followthrough/server-identity';
import { InsightsModule } from '@followthrough/server-insights';
import { PipelineModule } from '@followthrough/server-pipeline';
import { PlaybooksModule } from '@followthrough/server-playbooks';
import { ReminderSchedulingModule } from '@followthrough/server-reminders';
import { VentsModule } from '@followthrough/server-vents';
import { DataRightsPolicy } from './data-rights.policy';
import { MyDataController } from './export/my-data.controller';
import { DataRightsResolver } from './resolvers/data-rights.resolver';
import { DataRightsService } from './services/data-rights.service';

/** A client's download of their data, erasing a client, deleting an agency: each context's own data-rights service, in order. */
@Module({
  imports: [IdentityModule, PipelineModule, VentsModule, ReminderSchedulingModule, PlaybooksModule, InsightsModule],
  providers: [DataRightsPolicy, DataRightsService, DataRightsResolver],
  controllers: [MyDataController],
  exports: [DataRightsService],
})
export class DataRightsModule {}
