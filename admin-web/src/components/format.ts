/** Fen (分) as yuan with two decimals, e.g. 1200 → ¥12.00. */
export function formatFen(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  return `${sign}¥${Math.floor(abs / 100).toString()}.${(abs % 100).toString().padStart(2, '0')}`;
}

const DATE_TIME = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});

/** An instant as Beijing time, e.g. 2026/11/23 14:05. */
export function formatDateTime(iso: string | undefined): string {
  if (!iso) return '—';
  return DATE_TIME.format(new Date(iso));
}
