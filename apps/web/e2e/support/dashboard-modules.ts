import { DataRightsModule } from '@followthrough/server-data-rights';
import { IdentityModule } from '@followthrough/server-identity';
import { InsightsModule } from '@followthrough/server-insights';
import { PipelineModule } from '@followthrough/server-pipeline';
import { PlaybooksModule } from '@followthrough/server-playbooks';
import { VentsModule } from '@followthrough/server-vents';

/** The contexts whose GraphQL operations (and CSV exports) the dashboard calls, as the API app registers them. */
export const DASHBOARD_MODULES = [
  IdentityModule,
  PipelineModule,
  VentsModule,
  PlaybooksModule,
  InsightsModule,
  DataRightsModule,
];
