import type { MigrationInterface } from 'typeorm';

/** A migration class, as TypeORM takes them. */
export type MigrationClass = new () => MigrationInterface;
import { Identity1795890750978 } from './1795890750978-Identity';
import { Pipeline1795891474596 } from './1795891474596-Pipeline';
import { Reminders1795891774270 } from './1795891774270-Reminders';
import { Vents1795891805041 } from './1795891805041-Vents';

/** Every migration, in order. Generated with `npm run migration:generate`, then reviewed. */
export const MIGRATIONS: MigrationClass[] = [Identity1795890750978, Pipeline1795891474596, Reminders1795891774270, Vents1795891805041];
