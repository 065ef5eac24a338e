import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { AccessTokenService } from './access-token.service';
import { AuthGuard } from './auth.guard';
import { SignedLinkService } from '../links/signed-link.service';

@Global()
@Module({
  imports: [JwtModule.register({})],
  providers: [AccessTokenService, SignedLinkService, { provide: APP_GUARD, useClass: AuthGuard }],
  exports: [AccessTokenService, SignedLinkService],
})
export class AuthModule {}
