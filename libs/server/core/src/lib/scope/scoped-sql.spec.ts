import { Role } from '@followthrough/shared-domain';
import { SelectQueryBuilder } from 'typeorm';
import type { Actor } from '../auth/actor';
import { actorScope, sql, SqlFragment, tenantScope, whereScoped } from './scoped-sql';

const coach: Actor = { userId: 'coach-1', agencyId: 'agency-1', membershipId: 'm-1', role: Role.COACH };

describe('SqlFragment', () => {
  it('numbers its placeholders after the values a statement already has', () => {
    const params: unknown[] = ['agency-1', 'PENDING'];
    const text = sql`s.client_user_id = ${'client-1'} AND s.due_at < ${'2026-01-01'}`.toPositional(params);
    expect(text).toBe('s.client_user_id = $3 AND s.due_at < $4');
    expect(params).toEqual(['agency-1', 'PENDING', 'client-1', '2026-01-01']);
  });

  it('inlines nested fragments with their parameters in order', () => {
    const inner = sql`x IN (SELECT id FROM t WHERE a = ${1} AND b = ${2})`;
    const outer = sql`${SqlFragment.text('y')} = ${0} AND ${inner} AND z = ${3}`;
    const params: unknown[] = [];
    expect(outer.toPositional(params)).toBe('y = $1 AND x IN (SELECT id FROM t WHERE a = $2 AND b = $3) AND z = $4');
    expect(params).toEqual([0, 1, 2, 3]);
  });

  it('gives each rendering for a query builder names of its own, so two scopes never clash', () => {
    const first = sql`a = ${'one'}`.toNamed();
    const second = sql`a = ${'two'}`.toNamed();
    const [firstName] = Object.keys(first.params);
    const [secondName] = Object.keys(second.params);
    expect(firstName).not.toBe(secondName);
    expect(first.sql).toBe(`a = :${firstName}`);
    expect(first.params[firstName]).toBe('one');
  });

  it('joins conditions with AND, parenthesised, and is TRUE without any', () => {
    const params: unknown[] = [];
    expect(SqlFragment.and(sql`a = ${1} OR b = ${2}`, sql`c = ${3}`).toPositional(params)).toBe(
      '(a = $1 OR b = $2) AND (c = $3)',
    );
    expect(SqlFragment.and().toPositional([])).toBe('TRUE');
  });
});

describe('actorScope', () => {
  it('always starts from the actor’s tenant', () => {
    const params: unknown[] = [];
    expect(actorScope(coach, 'a.agency_id').toPositional(params)).toBe('(a.agency_id = $1)');
    expect(params).toEqual(['agency-1']);
    expect(Object.values(tenantScope(coach, 'v.agency_id').toNamed().params)).toEqual(['agency-1']);
  });

  it('narrows the tenant by the conditions given, and scopes a query builder with them', () => {
    const clients = sql`a.client_user_id IN (SELECT client_user_id FROM coach_assignments WHERE coach_user_id = ${coach.userId})`;
    const scope = actorScope(coach, 'a.agency_id', clients);
    const calls: Array<[string, Record<string, unknown>]> = [];
    const query = {
      andWhere(text: string, params: Record<string, unknown>) {
        calls.push([text, params]);
        return this;
      },
    } as unknown as SelectQueryBuilder<object>;
    expect(whereScoped(query, scope)).toBe(query);
    const [[text, params]] = calls;
    expect(text).toMatch(
      /^\(a\.agency_id = :(scoped_\d+)\) AND \(a\.client_user_id IN \(SELECT client_user_id FROM coach_assignments WHERE coach_user_id = :(scoped_\d+)\)\)$/,
    );
    expect(Object.values(params)).toEqual(['agency-1', 'coach-1']);
  });
});
