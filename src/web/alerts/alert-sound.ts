const storageKey = 'seam.alertSound';

/** Whether the reader asked for a sound on new alerts (off unless they did). */
export function soundWanted(): boolean {
  try {
    return localStorage.getItem(storageKey) === 'on';
  } catch {
    return false;
  }
}

/** Remembers the reader's choice in this browser. */
export function rememberSound(on: boolean): void {
  try {
    localStorage.setItem(storageKey, on ? 'on' : 'off');
  } catch {
    // A browser that refuses storage still plays (or not) for this session.
  }
}

let context: AudioContext | null = null;

/** A short two-tone chime, made in the browser (no sound file to fetch). */
export function chime(): void {
  try {
    context ??= new AudioContext();
    const at = context.currentTime;
    for (const [i, hz] of [880, 1320].entries()) {
      const osc = context.createOscillator();
      const gain = context.createGain();
      osc.frequency.value = hz;
      gain.gain.setValueAtTime(0.0001, at + i * 0.18);
      gain.gain.exponentialRampToValueAtTime(0.2, at + i * 0.18 + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, at + i * 0.18 + 0.16);
      osc.connect(gain).connect(context.destination);
      osc.start(at + i * 0.18);
      osc.stop(at + i * 0.18 + 0.17);
    }
  } catch {
    // Without audio the alert still shows.
  }
}
