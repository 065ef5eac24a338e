/** Where a read that tolerates bounded staleness should go, from the replica's last measured lag. */
export function readTarget(lagSeconds: number | null, maxLagSeconds: number): 'replica' | 'primary' {
  return lagSeconds !== null && lagSeconds <= maxLagSeconds ? 'replica' : 'primary';
}

/**
 * The replica's lag in seconds: none when it has replayed at least up to the primary's WAL position read just
 * before; otherwise the age of the last transaction it replayed. Comparing with the primary (rather than with
 * what the replica has received) also counts a replica cut off from the primary as lagging.
 */
export function lagFrom(primaryLsnAhead: boolean, replayAgeSeconds: number | null): number | null {
  if (!primaryLsnAhead) return 0;
  return replayAgeSeconds;
}
