import { useState } from 'react';
import { downloadWithToken } from '../api/download-file';
import { useSignedInSession } from '../session/session-context';
import { ErrorAlert } from './error-alert';

/** A button that downloads a CSV export with the session's token. */
export function DownloadButton({ path, filename, label }: { path: string; filename: string; label: string }) {
  const session = useSignedInSession();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const download = async () => {
    setBusy(true);
    setError(null);
    try {
      await downloadWithToken(path, filename, session.accessToken);
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };
  return (
    <span className="download">
      <button type="button" onClick={() => void download()} disabled={busy}>
        {busy ? 'Preparing…' : label}
      </button>
      <ErrorAlert error={error} />
    </span>
  );
}
