import { Module } from '@nestjs/common';
import { DevMailboxResolver } from './dev-mailbox.resolver';
import { MailboxStore } from './mailbox.store';

/** API side: the `devMailbox` query over the embedded sink's folder. */
@Module({ providers: [MailboxStore, DevMailboxResolver] })
export class DevMailboxModule {}
