/** The periods an admin can pick on the Insights page, as weeks back from today (0: all time). */
export const PERIOD_CHOICES = [
  { value: '4', label: 'Last 4 weeks' },
  { value: '12', label: 'Last 12 weeks' },
  { value: '26', label: 'Last 26 weeks' },
  { value: '52', label: 'Last 52 weeks' },
  { value: '0', label: 'All time' },
];

/** The API's period for a choice: from local midnight so many weeks ago, open-ended; none for all time. */
export function periodFor(weeksBack: number, today = new Date()): { from: string } | null {
  if (weeksBack <= 0) return null;
  const start = new Date(today.getFullYear(), today.getMonth(), today.getDate() - weeksBack * 7);
  return { from: start.toISOString() };
}
