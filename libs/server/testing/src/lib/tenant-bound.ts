import { runAsTenant } from '@followthrough/server-core';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A service as requests and jobs call it: each call runs bound to the agency its arguments name (the tenant every
 * such method takes: an argument's `agencyId`, else the first id argument, as in `cancelByRefs(manager, agencyId,
 * …)`), so a test can call the service directly.
 */
export function boundToArgumentAgency<T extends object>(service: T): T {
  return new Proxy(service, {
    get(target, key, receiver) {
      const value = Reflect.get(target, key, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        const carrier = args.find(
          (arg): arg is { agencyId: string } =>
            !!arg && typeof arg === 'object' && typeof (arg as { agencyId?: unknown }).agencyId === 'string',
        );
        const agencyId =
          carrier?.agencyId ?? args.find((arg): arg is string => typeof arg === 'string' && UUID.test(arg));
        return agencyId
          ? runAsTenant(agencyId, () => Promise.resolve(value.apply(target, args)))
          : value.apply(target, args);
      };
    },
  });
}
