/** "42 %" for a share between 0 and 1; an em dash when there is nothing to divide. */
export function formatShare(value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : `${Math.round(value * 100)} %`;
}

/** A median or other decimal figure with at most one decimal; an em dash when missing. */
export function formatFigure(value: number | null | undefined): string {
  if (value === null || value === undefined) return '—';
  return Number.isInteger(value) ? String(value) : value.toFixed(1);
}

/** "1 business day", "3 business days"; "no open applications" when there is nothing to count. */
export function businessDaysText(days: number | null): string {
  if (days === null) return 'no open applications';
  return days === 1 ? '1 business day' : `${days} business days`;
}
