/** `1 day`, `365 days`. */
export function daysText(days: number): string {
  return `${days} day${days === 1 ? '' : 's'}`;
}

/** The ISO date `days` after `date`. */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}
