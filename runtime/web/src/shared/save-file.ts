/**
 * Hands a file made or fetched in the page to the browser's downloads, under `name`, without
 * leaving the page (a link to an address would show the server's problem in place of the app).
 */
export function saveFile(blob: Blob, name: string): void {
  const link = document.createElement('a');
  link.href = URL.createObjectURL(blob);
  link.download = name;
  link.click();
  // The download has taken the file once the click is handled; a minute is ample for a slow disk.
  setTimeout(() => URL.revokeObjectURL(link.href), 60_000);
}
