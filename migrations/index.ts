import { Identity1795890750978 } from './1795890750978-Identity';

/** Every migration, in order. Generated with `npm run migration:generate`, then reviewed. */
export const MIGRATIONS: Function[] = [Identity1795890750978];
