import { cacheExchange, Cache, KeyingConfig, UpdateResolver } from '@urql/exchange-graphcache';
import { relayPagination } from '@urql/exchange-graphcache/extras';
import { MUTATION_FIELDS, TYPES_WITHOUT_ID } from './generated/graphql';

/** Paginated fields: the pages fetched with `after` are merged into one list (see use-connection.ts). */
const CONNECTION_FIELDS = ['actions', 'applications', 'auditEvents', 'dueSteps', 'followUpRadar', 'reminders', 'vents'];

/** Every answer read from the root (lists, radar, scorecards, dashboards) is refetched by the queries on screen. */
function invalidateRootFields(cache: Cache): void {
  for (const field of cache.inspectFields('Query')) cache.invalidate('Query', field.fieldKey);
}

const afterEveryWrite: UpdateResolver = (_result, _args, cache) => invalidateRootFields(cache);

/**
 * The normalized cache. Objects with an `id` are stored once and shared by every query that reads
 * them, so a mutation answering `{ id status }` updates every list showing that object at once.
 * Objects without an `id` (figures, connections, edges) live inside their parent.
 *
 * A write can change figures the cache cannot derive (the radar's ranking, a scorecard, a due step),
 * so every mutation marks the root fields stale and the queries on screen fetch them again.
 */
export function createGraphqlCache() {
  return cacheExchange({
    keys: {
      ...(Object.fromEntries(TYPES_WITHOUT_ID.map((type) => [type, () => null])) as KeyingConfig),
      // A company's details depend on the application it is read from (a client's own, unconfirmed
      // numbers are seen on their application only), so each application keeps its own copy.
      Company: () => null,
    },
    resolvers: { Query: Object.fromEntries(CONNECTION_FIELDS.map((field) => [field, relayPagination()])) },
    updates: { Mutation: Object.fromEntries(MUTATION_FIELDS.map((field) => [field, afterEveryWrite])) },
  });
}
