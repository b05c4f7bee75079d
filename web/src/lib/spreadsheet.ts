// Reading the organiser's list in the browser, so the worker never parses files:
// CSV as German Excel writes it (";" or ",", UTF-8 with or without BOM, or
// Windows-1252, quoted cells with line breaks) with papaparse, XLSX with read-excel-file.
import Papa from "papaparse";
import { readSheet } from "read-excel-file/universal";

/** Text of a CSV file: UTF-8 (BOM dropped) when it decodes cleanly, otherwise Windows-1252 (older Excel). */
export function decodeCsv(bytes: Uint8Array): string {
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return new TextDecoder("windows-1252").decode(bytes);
  }
}

/** Rows of cells; the delimiter (";" or ",") is detected. */
export function parseCsv(text: string): string[][] {
  const result = Papa.parse<string[]>(text.replace(/^\uFEFF/, ""), {
    delimitersToGuess: [";", ",", "\t"],
    skipEmptyLines: "greedy",
  });
  return result.data;
}

const cellText = (value: unknown): string => {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  return String(value);
};

/** The first sheet's rows of cells, each cell as text. */
export async function parseXlsx(data: ArrayBuffer | Blob): Promise<string[][]> {
  const rows = await readSheet(data);
  return rows.map((row) => row.map(cellText));
}

/** A CSV or XLSX file, by its name (or content): its rows of cells, header first. */
export async function readTable(file: { name: string; arrayBuffer(): Promise<ArrayBuffer> }): Promise<string[][]> {
  const buffer = await file.arrayBuffer();
  const bytes = new Uint8Array(buffer);
  // XLSX is a zip archive: "PK".
  if (/\.xlsx$/i.test(file.name) || (bytes[0] === 0x50 && bytes[1] === 0x4b)) return parseXlsx(buffer);
  return parseCsv(decodeCsv(bytes));
}
