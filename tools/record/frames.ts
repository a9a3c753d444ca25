import type { ScreenState } from '../../test/support/pty.js';
import type { Frame } from './svg.js';

export interface FrameLimits {
  /** Screens shown for less than this were half-drawn redraws: dropped. */
  transientMs: number;
  /** Long waits (starting node, a slow answer) are cut to this. */
  maxMs: number;
  /** How long the last screen stays before the picture starts again. */
  lastMs: number;
}

export const DEFAULT_LIMITS: FrameLimits = { transientMs: 30, maxMs: 3500, lastMs: 5000 };

/** From screen states with start times to frames with durations, half-drawn ones dropped. */
export function framesFrom(screens: readonly ScreenState[], endAt: number, limits: FrameLimits = DEFAULT_LIMITS): Frame[] {
  const frames: Frame[] = [];
  screens.forEach((screen, i) => {
    const until = screens[i + 1]?.at ?? endAt;
    const ms = until - screen.at;
    if (!screen.styled || (ms < limits.transientMs && i < screens.length - 1)) return;
    frames.push({ lines: screen.styled, ms: Math.min(ms, limits.maxMs) });
  });
  const last = frames.at(-1);
  if (last) last.ms = limits.lastMs;
  return frames;
}

