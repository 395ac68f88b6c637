/** The current month in China time and the eleven before it, newest first, as `YYYY-MM`. */
export function recentMonths(now: Date = new Date()): string[] {
  const beijing = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
  }).formatToParts(now);
  let year = Number(beijing.find((part) => part.type === 'year')?.value);
  let month = Number(beijing.find((part) => part.type === 'month')?.value);
  const months: string[] = [];
  for (let i = 0; i < 12; i++) {
    months.push(`${year.toString()}-${month.toString().padStart(2, '0')}`);
    month -= 1;
    if (month === 0) {
      month = 12;
      year -= 1;
    }
  }
  return months;
}

/** A share (0..1) as a percentage with one decimal, e.g. 0.5 → 50.0%; a dash when absent. */
export function formatRate(rate: number | undefined): string {
  return rate === undefined ? '—' : `${(rate * 100).toFixed(1)}%`;
}
