import { Module } from '@nestjs/common';
import { join } from 'node:path';
import { CoreModule, GraphqlApiModule, HealthModule, WebAppModule } from '@followthrough/server-core';
import { DataRightsModule } from '@followthrough/server-data-rights';
import { IdentityModule } from '@followthrough/server-identity';
import { InsightsModule } from '@followthrough/server-insights';
import { PipelineModule } from '@followthrough/server-pipeline';
import { PlaybooksModule } from '@followthrough/server-playbooks';
import { RemindersModule } from '@followthrough/server-reminders';
import { VentsModule } from '@followthrough/server-vents';

/** Where `npm run build:web` (and `npm start`) put the built dashboard. */
export const WEB_APP_DIRECTORY = join(__dirname, '..', '..', '..', 'dist', 'apps', 'web');

@Module({
  imports: [
    CoreModule,
    GraphqlApiModule,
    HealthModule,
    IdentityModule,
    PipelineModule,
    VentsModule,
    RemindersModule,
    PlaybooksModule,
    InsightsModule,
    DataRightsModule,
    WebAppModule.forRoot({ directory: WEB_APP_DIRECTORY }),
  ],
})
export class AppModule {}
