/**
 * Everything the wizard shows or asks goes through one Prompter. The real one is @clack/prompts
 * (clack-prompter.ts); tests drive the wizard with a scripted one. Every prompt throws CancelledError
 * when the user presses Ctrl-C or Escape, so a step never has to check for cancellation itself.
 */
export type Primitive = string | number | boolean;

export interface SelectOption<T extends Primitive> {
  value: T;
  label: string;
  hint?: string;
}

/** Returns a sentence saying what is wrong, or undefined to accept. */
type Validate = (value: string) => string | undefined;

export interface TextPrompt {
  message: string;
  /** Returned when the user submits nothing. */
  defaultValue?: string;
  /** Pre-filled, editable. */
  initialValue?: string;
  placeholder?: string;
  validate?: Validate;
}

export interface PasswordPrompt {
  message: string;
  validate?: Validate;
}

export interface ConfirmPrompt {
  message: string;
  initialValue?: boolean;
}

export interface SelectPrompt<T extends Primitive> {
  message: string;
  options: SelectOption<T>[];
  initialValue?: T;
}

interface Log {
  info(message: string): void;
  success(message: string): void;
  warn(message: string): void;
  error(message: string): void;
  /** A plain block of lines, no symbol. */
  message(message: string): void;
}

export interface Prompter {
  intro(title: string): void;
  outro(message: string): void;
  note(message: string, title?: string): void;
  /** An address the user may copy: printed on one line, never wrapped or cut. */
  url(url: string): void;
  log: Log;
  text(prompt: TextPrompt): Promise<string>;
  /** Hidden input: nothing typed is echoed. */
  password(prompt: PasswordPrompt): Promise<string>;
  confirm(prompt: ConfirmPrompt): Promise<boolean>;
  select<T extends Primitive>(prompt: SelectPrompt<T>): Promise<T>;
  /**
   * Runs `work` under a spinner. Ctrl-C or Escape aborts the signal given to `work`, waits for it to
   * settle, restores the terminal and throws CancelledError. `done` words the line left behind; null
   * leaves none (when the next thing shown says it better).
   */
  spin<T>(message: string, work: (signal: AbortSignal) => Promise<T>, done?: (result: T) => string | null): Promise<T>;
}
