export * from './lib/pipeline.module';
export * from './lib/entities';
export * from './lib/services/application-directory.service';
export * from './lib/services/pipeline-events.service';
export { ApplicationSummaryView } from './lib/dto/pipeline.types';
export * from './lib/services/follow-up.service';
export { LogFollowUpInput } from './lib/dto/pipeline.inputs';
export * from './lib/services/pipeline-data-rights.service';
