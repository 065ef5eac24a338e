import 'reflect-metadata';
import { runAllMigrations } from '../../migrations/run-migrations';

const url = process.env['DATABASE_URL'];
if (!url) {
  console.error('Configuration error: DATABASE_URL is required to run migrations');
  process.exit(1);
}
runAllMigrations(url)
  .then((applied) => console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'Database is up to date'))
  .catch((error: Error) => {
    console.error(`Migration failed: ${error.message}`);
    process.exit(1);
  });
