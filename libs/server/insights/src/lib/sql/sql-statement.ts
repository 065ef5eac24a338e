/** One SQL statement with its parameters, as the services run it and the benchmark replays it. */
export interface SqlStatement {
  /** A short name for reports (e.g. "radar"). */
  name: string;
  text: string;
  values: unknown[];
}
