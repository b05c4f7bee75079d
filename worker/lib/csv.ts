// CSV as German Excel opens it by double-click: UTF-8 with BOM, semicolons, CRLF.

const BOM = "\uFEFF";

/**
 * One cell. A cell Excel would run as a formula (starting with = + - @, or a tab or
 * carriage return) gets a leading apostrophe (CSV injection, OWASP); a cell with a
 * separator, quote or line break is quoted, quotes doubled.
 */
export function csvCell(value: string | number | null | undefined): string {
  let text = value === null || value === undefined ? "" : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[";\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** The whole file: BOM, a header row and the rows, each line ending in CRLF. */
export const csvFile = (header: string[], rows: (string | number | null | undefined)[][]) =>
  BOM + [header, ...rows].map((row) => `${row.map(csvCell).join(";")}\r\n`).join("");
