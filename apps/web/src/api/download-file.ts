import { ApiError } from './api-error';

/**
 * Fetches a file the API serves only with the signed-in person's token (sent as a header, never in
 * the address) and hands it to the browser as a download.
 */
export async function downloadWithToken(path: string, filename: string, accessToken: string): Promise<void> {
  let response: Response;
  try {
    response = await fetch(path, { headers: { authorization: `Bearer ${accessToken}` } });
  } catch {
    throw new ApiError('The server cannot be reached. Check your connection and try again.', 'NETWORK');
  }
  if (!response.ok) {
    throw new ApiError(
      response.status === 404 ? 'There is nothing to download here.' : `The download failed (HTTP ${response.status}).`,
      'INTERNAL',
    );
  }
  const url = URL.createObjectURL(await response.blob());
  try {
    const link = document.createElement('a');
    link.href = url;
    link.download = filename;
    document.body.append(link);
    link.click();
    link.remove();
  } finally {
    // The click has started the download; the object URL is not needed after this turn.
    setTimeout(() => URL.revokeObjectURL(url), 0);
  }
}
