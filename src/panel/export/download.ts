/**
 * Saves a file from the panel page: a Blob URL and a click on an `<a download>`. Extension pages
 * support this in Chrome and Firefox DevTools panels alike, so no `downloads` permission is needed.
 */

/**
 * `websocket-logs-<ISO timestamp>.<ext>`. The colons of an ISO time are not allowed in Windows file
 * names (and browsers replace them with something else), so they become dashes:
 * 2024-05-01T12:34:56.789Z → 2024-05-01T12-34-56.789Z.
 */
export function exportFileName(at: number, ext: 'json' | 'har'): string {
  return `websocket-logs-${new Date(at).toISOString().replace(/:/g, '-')}.${ext}`;
}

export const MIME = { json: 'application/json', har: 'application/json' } as const;

export function downloadParts(parts: BlobPart[], fileName: string, type: string): void {
  const url = URL.createObjectURL(new Blob(parts, { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  a.style.display = 'none';
  // Firefox only follows a click on an anchor that is in the document.
  document.body.append(a);
  a.click();
  a.remove();
  // Revoking at once can abort the download in Firefox; a minute is plenty for it to start.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
