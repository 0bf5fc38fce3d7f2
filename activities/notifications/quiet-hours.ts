/** 免打扰: push messages that would arrive at night are deferred to the morning, never dropped. */
export interface QuietHours {
  start: string; // HH:MM local
  end: string; // HH:MM local
  timeZone: string;
  enabled: boolean;
}

function minutes(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return h * 60 + m;
}

/** Local wall-clock minutes since midnight in the zone, and the zone's UTC offset in minutes. */
function localClock(at: Date, timeZone: string): { minuteOfDay: number; offsetMinutes: number } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone,
      hour12: false,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  const hour = Number(parts.hour) % 24;
  const asUtc = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), hour, Number(parts.minute), Number(parts.second));
  return { minuteOfDay: hour * 60 + Number(parts.minute), offsetMinutes: Math.round((asUtc - at.getTime()) / 60000) };
}

export function isQuiet(at: Date, quiet: QuietHours): boolean {
  if (!quiet.enabled) return false;
  const { minuteOfDay } = localClock(at, quiet.timeZone);
  const start = minutes(quiet.start);
  const end = minutes(quiet.end);
  return start <= end ? minuteOfDay >= start && minuteOfDay < end : minuteOfDay >= start || minuteOfDay < end;
}

/** The first instant at or after `at` outside quiet hours (the morning's end time when inside them). */
export function nextSendableAt(at: Date, quiet: QuietHours): Date {
  if (!isQuiet(at, quiet)) return at;
  const { minuteOfDay } = localClock(at, quiet.timeZone);
  const end = minutes(quiet.end);
  const wait = (end - minuteOfDay + 24 * 60) % (24 * 60);
  const next = new Date(at.getTime() + wait * 60_000);
  next.setUTCSeconds(0, 0);
  return next;
}
