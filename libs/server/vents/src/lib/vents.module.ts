import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { IdentityModule } from '@followthrough/server-identity';
import { PipelineModule } from '@followthrough/server-pipeline';
import { VENTS_ENTITIES } from './entities';
import { VentsLoaders } from './loaders/vents-loaders';
import { ActionResolver } from './resolvers/action.resolver';
import { VentResolver } from './resolvers/vent.resolver';
import { ActionService } from './services/action.service';
import { VentService } from './services/vent.service';
import { VentsDataRights } from './services/vents-data-rights.service';
import { VentsPolicy } from './vents.policy';

/** Vents and actions. Exports ActionService so other contexts (playbooks) can create actions for a client. */
@Module({
  imports: [TypeOrmModule.forFeature(VENTS_ENTITIES), IdentityModule, PipelineModule],
  providers: [VentsPolicy, VentService, ActionService, VentsLoaders, VentResolver, ActionResolver, VentsDataRights],
  exports: [ActionService, VentsDataRights],
})
export class VentsModule {}
