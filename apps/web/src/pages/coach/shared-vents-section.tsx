/** The vents a client shared with their coach (filled in once the vents API lands). */
export function SharedVentsSection({ clientName }: { clientUserId: string; clientName: string }) {
  return (
    <section aria-labelledby="vents-heading" className="stack">
      <h2 id="vents-heading">Shared vents</h2>
      <p className="muted">{clientName} has not shared anything yet.</p>
    </section>
  );
}
