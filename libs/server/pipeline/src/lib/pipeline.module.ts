import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { IdentityModule } from '@followthrough/server-identity';
import { PIPELINE_ENTITIES } from './entities';
import { PipelineLoaders } from './loaders/pipeline-loaders';
import { PipelinePolicy } from './pipeline.policy';
import { ApplicationResolver } from './resolvers/application.resolver';
import { ContactResolver } from './resolvers/contact.resolver';
import { FollowUpResolver } from './resolvers/follow-up.resolver';
import { ApplicationDirectory } from './services/application-directory.service';
import { ApplicationQueryService } from './services/application-query.service';
import { ApplicationService } from './services/application.service';
import { CompanyService } from './services/company.service';
import { ContactService } from './services/contact.service';
import { FollowUpService } from './services/follow-up.service';
import { PipelineBatchService } from './services/pipeline-batch.service';
import { PipelineEvents } from './services/pipeline-events.service';
import { PipelineDataRights } from './services/pipeline-data-rights.service';

/** Applications, companies, contacts and the follow-up log. Exports a read service and an event hook for other contexts. */
@Module({
  imports: [TypeOrmModule.forFeature(PIPELINE_ENTITIES), IdentityModule],
  providers: [
    PipelinePolicy,
    PipelineEvents,
    CompanyService,
    ContactService,
    ApplicationService,
    FollowUpService,
    ApplicationQueryService,
    ApplicationDirectory,
    PipelineBatchService,
    PipelineLoaders,
    PipelineDataRights,
    ApplicationResolver,
    FollowUpResolver,
    ContactResolver,
  ],
  exports: [ApplicationDirectory, PipelineEvents, FollowUpService, PipelineDataRights],
})
export class PipelineModule {}
