import { DataRightsModule } from '@followthrough/server-data-rights';
import { IdentityModule } from '@followthrough/server-identity';
import { InsightsModule } from '@followthrough/server-insights';
import { PipelineModule } from '@followthrough/server-pipeline';
import { PlaybooksModule } from '@followthrough/server-playbooks';
import { RemindersModule } from '@followthrough/server-reminders';
import { VentsModule } from '@followthrough/server-vents';

/** Every context the API serves, as apps/api assembles them (the dashboard's files aside). */
export const API_MODULES = [
  IdentityModule,
  PipelineModule,
  VentsModule,
  RemindersModule,
  PlaybooksModule,
  InsightsModule,
  DataRightsModule,
];
