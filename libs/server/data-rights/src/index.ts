export * from './lib/data-rights.module';
export * from './lib/services/data-rights.service';
export * from './lib/export/data-archive';
