import 'reflect-metadata';
import { runAllMigrations } from '../../migrations/run-migrations';

// The owner migrates (DATABASE_OWNER_URL, else DATABASE_URL); the role of DATABASE_URL, when another one,
// is created if missing and granted data access only.
const appUrl = process.env['DATABASE_URL'];
const ownerUrl = process.env['DATABASE_OWNER_URL'] || appUrl;
if (!ownerUrl) {
  console.error('Configuration error: DATABASE_OWNER_URL or DATABASE_URL is required to run migrations');
  process.exit(1);
}
runAllMigrations(ownerUrl, appUrl)
  .then((applied) => console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'Database is up to date'))
  .catch((error: Error) => {
    console.error(`Migration failed: ${error.message}`);
    process.exit(1);
  });
