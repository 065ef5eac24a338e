/** The client's vents and actions (filled in once the vents API lands). */
export function MyVentsPage() {
  return (
    <main className="page">
      <h1>Vent &amp; actions</h1>
    </main>
  );
}
