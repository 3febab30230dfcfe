/** Saves text or a blob as a file through the browser (works in Electron's sandboxed renderer too). */
export function saveFile(fileName: string, content: string | Blob, mimeType = 'application/octet-stream'): void {
  const blob = typeof content === 'string' ? new Blob([content], { type: mimeType }) : content;
  const url = URL.createObjectURL(blob);
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = fileName;
  anchor.click();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/** A file name from a model name: `acme/x` → `acme_x`. */
export function fileSafe(name: string): string {
  return name.replace(/[^\w.-]+/g, '_');
}
