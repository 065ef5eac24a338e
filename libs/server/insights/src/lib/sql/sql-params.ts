import type { SqlFragment } from '@followthrough/server-core';

/** Positional parameters for one SQL statement: `add(value)` returns its placeholder ($1, $2, …). */
export class SqlParams {
  readonly values: unknown[] = [];

  add(value: unknown, cast?: string): string {
    this.values.push(value);
    return cast ? `$${this.values.length}::${cast}` : `$${this.values.length}`;
  }

  addAll(values: unknown[]): void {
    this.values.push(...values);
  }

  /** A fragment's text, its parameters numbered after those already added. */
  addFragment(fragment: SqlFragment): string {
    return fragment.toPositional(this.values);
  }
}
