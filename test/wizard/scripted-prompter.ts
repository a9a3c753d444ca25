import { CancelledError } from '../../src/errors.js';
import { recordOutput } from '../support/secret-scan.js';
import type { ConfirmPrompt, PasswordPrompt, Primitive, Prompter, SelectPrompt, TextPrompt } from '../../src/ui/prompter.js';

/** Pressing Ctrl-C / Escape at this prompt (or during this spinner). */
export const CANCEL = Symbol('cancel');

type Answer<T> = T | typeof CANCEL | (() => T | typeof CANCEL);

/**
 * One scripted answer: the prompt kind, the answer, and optionally a piece of text the prompt's message
 * must contain (so a script that drifts from the wizard fails loudly instead of answering the wrong question).
 * A `spin` step is only needed to cancel a spinner; spinners otherwise run without consuming the script.
 */
export type Step =
  | readonly ['confirm', Answer<boolean>, string?]
  | readonly ['text', Answer<string>, string?]
  | readonly ['password', Answer<string>, string?]
  | readonly ['select', Answer<Primitive>, string?]
  | readonly ['spin', typeof CANCEL, string?];

export interface Shown {
  kind: string;
  text: string;
}

export interface AskedPrompt {
  kind: 'confirm' | 'text' | 'password' | 'select';
  message: string;
  options?: { value: Primitive; label: string; hint?: string }[];
  initialValue?: unknown;
  /** Validation errors shown, in order. */
  errors: string[];
}

/** A Prompter that answers from a queue and records everything the wizard showed. */
export class ScriptedPrompter implements Prompter {
  readonly shown: Shown[] = [];
  readonly prompts: AskedPrompt[] = [];
  private readonly queue: Step[];

  constructor(script: readonly Step[]) {
    this.queue = [...script];
  }

  /** Everything shown, as one text (messages, options, hints, errors, notes, logs, URLs). */
  transcript(): string {
    return this.shown.map((s) => s.text).join('\n');
  }

  remaining(): number {
    return this.queue.length;
  }

  private show(kind: string, text: string): void {
    this.shown.push({ kind, text });
    recordOutput(`prompter ${kind}`, text);
  }

  private next(kind: Step[0], message: string): Step {
    const step = this.queue.shift();
    if (!step) throw new Error(`script ran out at ${kind} prompt: ${message}`);
    if (step[0] !== kind) throw new Error(`script expected a ${step[0]} but the wizard asked a ${kind}: ${message}`);
    const must = step[2];
    if (must !== undefined && !message.includes(must)) {
      throw new Error(`script expected a ${kind} about "${must}" but the wizard asked: ${message}`);
    }
    return step;
  }

  private answer<T>(kind: Step[0], message: string): T {
    const step = this.next(kind, message);
    const raw = step[1] as Answer<T>;
    const value = typeof raw === 'function' ? (raw as () => T | typeof CANCEL)() : raw;
    if (value === CANCEL) {
      this.show('cancel', `${kind} cancelled: ${message}`);
      throw new CancelledError();
    }
    return value;
  }

  private typed(kind: 'text' | 'password', prompt: TextPrompt | PasswordPrompt): string {
    const asked: AskedPrompt = { kind, message: prompt.message, errors: [] };
    if ('initialValue' in prompt) asked.initialValue = prompt.initialValue;
    this.prompts.push(asked);
    this.show(kind, prompt.message);
    for (;;) {
      let value = this.answer<string>(kind, prompt.message);
      // An empty answer submits what the prompt already shows: its pre-filled value, else its default.
      if (value === '' && 'initialValue' in prompt && prompt.initialValue !== undefined) value = prompt.initialValue;
      else if (value === '' && 'defaultValue' in prompt && prompt.defaultValue !== undefined) value = prompt.defaultValue;
      const error = prompt.validate?.(value);
      if (error === undefined) return value;
      asked.errors.push(error);
      this.show('error', error);
    }
  }

  intro(title: string): void {
    this.show('intro', title);
  }
  outro(message: string): void {
    this.show('outro', message);
  }
  note(message: string, title?: string): void {
    this.show('note', title ? `${title}\n${message}` : message);
  }
  url(url: string): void {
    this.show('url', url);
  }
  log = {
    info: (m: string) => this.show('info', m),
    success: (m: string) => this.show('success', m),
    warn: (m: string) => this.show('warn', m),
    error: (m: string) => this.show('error', m),
    message: (m: string) => this.show('message', m),
  };

  async text(prompt: TextPrompt): Promise<string> {
    return this.typed('text', prompt);
  }
  async password(prompt: PasswordPrompt): Promise<string> {
    return this.typed('password', prompt);
  }
  async confirm(prompt: ConfirmPrompt): Promise<boolean> {
    this.prompts.push({ kind: 'confirm', message: prompt.message, initialValue: prompt.initialValue, errors: [] });
    this.show('confirm', prompt.message);
    return this.answer<boolean>('confirm', prompt.message);
  }
  async select<T extends Primitive>(prompt: SelectPrompt<T>): Promise<T> {
    this.prompts.push({ kind: 'select', message: prompt.message, options: prompt.options, initialValue: prompt.initialValue, errors: [] });
    this.show('select', [prompt.message, ...prompt.options.map((o) => `${o.label}${o.hint ? ` (${o.hint})` : ''}`)].join('\n'));
    const value = this.answer<T>('select', prompt.message);
    if (!prompt.options.some((o) => o.value === value)) throw new Error(`script chose ${String(value)}, not an option of: ${prompt.message}`);
    return value;
  }
  async spin<T>(message: string, work: (signal: AbortSignal) => Promise<T>, done?: (result: T) => string | null): Promise<T> {
    this.show('spin', message);
    const controller = new AbortController();
    const head = this.queue[0];
    // A spin step cancels the spinner it names (or the next one, when it names none).
    if (head?.[0] === 'spin' && (head[2] === undefined || message.includes(head[2]))) {
      this.next('spin', message);
      const running = work(controller.signal);
      controller.abort(new CancelledError());
      await running.catch(() => undefined);
      this.show('cancel', `spinner cancelled: ${message}`);
      throw new CancelledError();
    }
    const result = await work(controller.signal);
    const line = done ? done(result) : message;
    if (line !== null) this.show('spin-done', line);
    return result;
  }
}
