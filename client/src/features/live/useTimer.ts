import { computed, onScopeDispose, ref, type Ref } from 'vue';

const now = ref(Date.now());
let users = 0;
let ticker: ReturnType<typeof setInterval> | undefined;

/** The time now, ticking every second while someone shows a timer (one interval for the whole page). */
export function useNow(): Ref<number> {
  users += 1;
  if (!ticker) {
    now.value = Date.now();
    ticker = setInterval(() => {
      now.value = Date.now();
    }, 1_000);
  }
  onScopeDispose(() => {
    users -= 1;
    if (users === 0) {
      clearInterval(ticker);
      ticker = undefined;
    }
  });
  return now;
}

/** "04:07"; minutes go past 59 rather than show hours ("75:00"), as a session clock does. */
export function formatClock(totalSeconds: number): string {
  const seconds = Math.max(0, Math.floor(totalSeconds));
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${pad(Math.floor(seconds / 60))}:${pad(seconds % 60)}`;
}

export interface TimerSource {
  elapsedSeconds: number;
  timerStartedAt?: string | null;
  allottedMinutes: number;
}

/**
 * An agenda item's timer, computed here so that it ticks without asking the server: the seconds banked while it ran
 * before, plus the time since it last started when it runs now. (The screen's clock is trusted; a clock that runs
 * behind the server's never shows less than the banked seconds.)
 */
export function useTimer(source: Ref<TimerSource | null>) {
  const clock = useNow();
  const running = computed(() => Boolean(source.value?.timerStartedAt));
  const elapsed = computed(() => {
    const item = source.value;
    if (!item) return 0;
    const since = item.timerStartedAt ? Math.floor((clock.value - Date.parse(item.timerStartedAt)) / 1000) : 0;
    return item.elapsedSeconds + Math.max(0, since);
  });
  const allotted = computed(() => (source.value?.allottedMinutes ?? 0) * 60);
  const overtime = computed(() => allotted.value > 0 && elapsed.value > allotted.value);
  const text = computed(() => `${formatClock(elapsed.value)} / ${formatClock(allotted.value)}`);
  return { elapsed, allotted, running, overtime, text };
}
