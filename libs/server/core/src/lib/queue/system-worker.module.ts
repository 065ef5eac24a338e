import { Module } from '@nestjs/common';
import { SystemProcessor } from './system.processor';

/** The worker side of the system queue; imported by worker processes only. */
@Module({ providers: [SystemProcessor] })
export class SystemWorkerModule {}
