/** The terminal's cursor: the spinner hides it; the spinner and the signal handler must show it again. */
export const HIDE_CURSOR = '\x1b[?25l';
export const SHOW_CURSOR = '\x1b[?25h';
