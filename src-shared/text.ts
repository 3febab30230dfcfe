/**
 * Text for people: byte sizes, and outside data made safe to print. Anything that comes from outside (model
 * names in an archive, a server's error text, file names) may hold terminal control sequences — ESC/CSI colour or
 * cursor moves, OSC window titles or hyperlinks, a carriage return that overwrites the line. Printed raw they can
 * hide or fake output, so every CLI and log line goes through {@link escapeControlCharacters}.
 */

/** C0 controls, DEL, C1 controls, and the Unicode bidirectional overrides/isolates ("Trojan source"). */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
// eslint-disable-next-line no-control-regex -- as above, without the line feed and tab
const CONTROL_BUT_LINES = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

function escapeOne(character: string): string {
  const code = character.charCodeAt(0);
  if (character === '\n') return '\\n';
  if (character === '\r') return '\\r';
  if (character === '\t') return '\\t';
  if (code === 0x1b) return '\\e';
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/**
 * `text` with every control character written as a visible escape (`\e`, `\r`, `\x07`, `\u202e`, …). With
 * `keepLines`, line feeds and tabs stay as they are (for whole blocks of our own output with data inside).
 */
export function escapeControlCharacters(text: string, options: { keepLines?: boolean } = {}): string {
  const pattern = options.keepLines ? CONTROL_BUT_LINES : CONTROL;
  pattern.lastIndex = 0;
  return pattern.test(text) ? text.replace(pattern, escapeOne) : text;
}

/** `512 B`, `1.5 KB`, `27.0 MB`, `4.2 GB` (powers of 1024). */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${Math.round(bytes)} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value.toFixed(1)} ${units[unit]}`;
}
