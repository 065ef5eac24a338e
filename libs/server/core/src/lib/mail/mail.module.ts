import { Module } from '@nestjs/common';
import { ConfiguredMailPort } from './configured-mail.port';
import { MailPort } from './mail.port';

/** Provides MailPort to the processes that send mail (the worker). */
@Module({
  providers: [ConfiguredMailPort, { provide: MailPort, useExisting: ConfiguredMailPort }],
  exports: [MailPort],
})
export class MailModule {}
