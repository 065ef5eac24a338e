/** Positional parameters for one SQL statement: `add(value)` returns its placeholder ($1, $2, …). */
export class SqlParams {
  readonly values: unknown[] = [];

  add(value: unknown, cast?: string): string {
    this.values.push(value);
    return cast ? `$${this.values.length}::${cast}` : `$${this.values.length}`;
  }

  /** The number the next parameter will get, for helpers that number their own. */
  get next(): number {
    return this.values.length + 1;
  }

  addAll(values: unknown[]): void {
    this.values.push(...values);
  }
}
