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

/** A window in Beijing time: 2026/11/23 14:00–15:00, or both ends in full across midnight. */
export function formatTimeWindow(start: string, end: string): string {
  const from = formatDateTime(start);
  const to = formatDateTime(end);
  const sameDay = from.slice(0, 10) === to.slice(0, 10);
  return `${from}–${sameDay ? to.slice(11) : to}`;
}

/** Whole minutes from one instant to another (negative when `to` is earlier). */
export function minutesBetween(from: string, to: Date): number {
  return Math.floor((to.getTime() - new Date(from).getTime()) / 60_000);
}

/** Today in China (Asia/Shanghai), moved by `days`, as `YYYY-MM-DD`. */
export function chinaDay(days = 0, now: Date = new Date()): string {
  const today = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
  const moved = new Date(`${today}T00:00:00Z`);
  moved.setUTCDate(moved.getUTCDate() + days);
  return moved.toISOString().slice(0, 10);
}

/** A calendar day with its weekday in the reader's language, e.g. 2026-12-02 周三. */
export function formatDay(day: string, language: string): string {
  const weekday = new Intl.DateTimeFormat(language, { weekday: 'short', timeZone: 'UTC' }).format(
    new Date(`${day}T00:00:00Z`),
  );
  return `${day} ${weekday}`;
}

/** A time of day `HH:mm` plus some minutes, e.g. 11:00 + 60 → 12:00 (wrapping past midnight). */
export function addToTimeOfDay(time: string, minutes: number): string {
  const [hours = 0, mins = 0] = time.split(':').map(Number);
  const total = (((hours * 60 + mins + minutes) % 1440) + 1440) % 1440;
  return `${String(Math.floor(total / 60)).padStart(2, '0')}:${String(total % 60).padStart(2, '0')}`;
}

/** Fen as yuan with two decimals and no sign or currency, e.g. 10000 → 100.00 (integers only, no floats). */
export function fenToYuan(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  return `${sign}${Math.floor(abs / 100).toString()}.${(abs % 100).toString().padStart(2, '0')}`;
}

/**
 * Yuan as written (`100`, `100.5`, `100.05`) to whole fen, by reading the digits rather than
 * multiplying a float (0.29 × 100 is 28.999999999999996); null for anything else, such as a
 * third decimal or a sign.
 */
export function yuanToFen(yuan: string): number | null {
  const match = /^(\d{1,9})(?:\.(\d{0,2}))?$/.exec(yuan.trim());
  if (!match) return null;
  const [, whole = '0', fraction = ''] = match;
  return Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
}
