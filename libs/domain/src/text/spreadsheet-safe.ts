/**
 * Cells that a spreadsheet would run as a formula (OWASP "CSV injection"):
 * a leading =, +, -, @, tab or carriage return. Such a value is written with a
 * leading apostrophe, which Excel and LibreOffice show as text and hide.
 */
const FORMULA_TRIGGER = /^[=+\-@\t\r]/;

export function spreadsheetSafe(value: string): string {
  return FORMULA_TRIGGER.test(value) ? `'${value}` : value;
}

export function isFormulaLike(value: string): boolean {
  return FORMULA_TRIGGER.test(value);
}
