import { Field, ObjectType } from '@nestjs/graphql';
import { decodeCursor, encodeCursor, KeysetPosition, pageSizeProblem } from '@followthrough/shared-domain';
import { badInput } from '../errors/app-errors';

@ObjectType('PageInfo', {
  description: 'Where a keyset-paginated list stands; pass endCursor as `after` for the next page.',
})
export class PageInfo {
  @Field(() => String, { nullable: true }) endCursor!: string | null;
  @Field() hasNextPage!: boolean;
}

/** A Relay connection's data: the edges of one page and where it stands. */
export interface Connection<T> {
  edges: { cursor: string; node: T }[];
  pageInfo: PageInfo;
}

/**
 * The one check of a list's page arguments: `first` within 1…MAX_PAGE_SIZE (BAD_USER_INPUT on `first`),
 * `after` a cursor this API gave out (BAD_USER_INPUT on `after`). Returns where the page starts.
 */
export function keysetPageStart(first: number, after: string | null | undefined): KeysetPosition | null {
  assertPageSize(first);
  if (!after) return null;
  const position = decodeCursor(after);
  if (!position) throw badInput('after', 'is not a cursor from this list; pass pageInfo.endCursor as it was returned');
  return position;
}

/** `first` within 1…MAX_PAGE_SIZE, for lists with cursors of their own. */
export function assertPageSize(first: number): void {
  const problem = pageSizeProblem(first);
  if (problem) throw badInput('first', problem);
}

/**
 * A page from `first + 1` rows read in keyset order: the extra row only says there is a next page.
 * `positionOf` gives the (timestamp, id) a row is sorted by, which its cursor encodes.
 */
export function keysetConnection<R, T>(
  rows: readonly R[],
  first: number,
  positionOf: (row: R) => KeysetPosition,
  toNode: (row: R) => T,
): Connection<T> {
  const edges = rows.slice(0, first).map((row) => ({ cursor: encodeCursor(positionOf(row)), node: toNode(row) }));
  return { edges, pageInfo: { endCursor: edges.at(-1)?.cursor ?? null, hasNextPage: rows.length > first } };
}
