import { DownloadButton } from '../../components/download-button';

/** The client's copy of everything the product holds about them, and whom to ask to erase it. */
export function MyDataSection() {
  return (
    <section className="card" aria-labelledby="my-data-heading">
      <h2 id="my-data-heading">My data</h2>
      <p className="muted">
        Download everything Followthrough keeps about you in this agency: one zip with a JSON file and a spreadsheet
        (CSV) per kind of record. To have it deleted or anonymised, ask your agency's admin.
      </p>
      <DownloadButton path="/export/my-data.zip" filename="my-data.zip" label="Download my data" />
    </section>
  );
}
