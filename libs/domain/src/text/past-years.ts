/**
 * Years a text mentions that are already past: ROC years (114年, 民國99年,
 * 113年度) and Gregorian years written as years or dates (2024年, 2024/5/1).
 * An answer that still says "114年房屋稅繳款書" in 115 needs a look.
 * Bare numbers followed by 年 that cannot be a year ("滿10年", "5年內") are not years.
 */
export function pastYearsMentioned(text: string, currentGregorianYear: number): string[] {
  const currentRoc = currentGregorianYear - 1911;
  const found: { year: number; as: string }[] = [];
  const roc = /(民國\s*)?(?<!\d)(\d{2,3})\s*年/g;
  for (const m of text.matchAll(roc)) {
    const year = Number(m[2]);
    // Three digits (100 = 2011 onwards) read as a ROC year on their own; two only after 民國.
    const isYear = (m[2].length === 3 && year >= 100) || (m[1] !== undefined && year >= 50);
    if (isYear && year < currentRoc) found.push({ year: year + 1911, as: `${year}年` });
  }
  const greg = /(?<!\d)((?:19|20)\d{2})(?:\s*年|[/.-]\d{1,2}(?!\d))/g;
  for (const m of text.matchAll(greg)) {
    const year = Number(m[1]);
    if (year >= 1990 && year < currentGregorianYear) found.push({ year, as: `${year}年` });
  }
  const seen = new Set<string>();
  return found
    .sort((a, b) => a.year - b.year)
    .map((f) => f.as)
    .filter((a) => !seen.has(a) && seen.add(a));
}
