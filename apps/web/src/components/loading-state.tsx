/** What a section shows while its data is on the way. */
export function LoadingState({ what }: { what: string }) {
  return (
    <p className="muted" role="status" aria-live="polite">
      Loading {what}…
    </p>
  );
}
