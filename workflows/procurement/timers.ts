/** A timer the main loop may sleep until: the earliest of them wins, and firing it changes state. */
export interface Timer {
  at: number;
  summary: string;
  fire: () => void;
}

export function earliest(timers: (Timer | undefined)[]): Timer | undefined {
  return timers.reduce<Timer | undefined>(
    (first, timer) => (timer && (!first || timer.at < first.at) ? timer : first),
    undefined,
  );
}
