export * from './lib/vents.module';
export * from './lib/entities';
export * from './lib/services/action.service';
export * from './lib/themes/vent-themes';
export * from './lib/services/vents-data-rights.service';
