import { Module } from '@nestjs/common';
import { CoreModule, GraphqlApiModule, HealthModule } from '@followthrough/server-core';
import { IdentityModule } from '@followthrough/server-identity';

@Module({
  imports: [CoreModule, GraphqlApiModule, HealthModule, IdentityModule],
})
export class AppModule {}
