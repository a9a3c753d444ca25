import * as clack from '@clack/prompts';
import kleur from 'kleur';
import { CancelledError } from '../errors.js';
import type { Primitive, Prompter, SelectOption } from './prompter.js';
import { spinWhile, type SpinnerIo } from './spinner.js';
import { renderInlineCode } from './inline-code.js';
import { wrapText } from './wrap.js';

/** A clack answer, or CancelledError when the user pressed Ctrl-C or Escape. */
function answered<T>(value: T | symbol): Exclude<T, symbol> {
  if (clack.isCancel(value)) throw new CancelledError();
  return value as Exclude<T, symbol>;
}

/** The real prompter: @clack/prompts on the wizard's own streams (never process.stdin/stdout directly). */
export function createClackPrompter(io: SpinnerIo): Prompter {
  const streams = { input: io.input as NodeJS.ReadStream, output: io.output as NodeJS.WriteStream };
  const out = { output: streams.output };
  const columns = () => (io.output as { columns?: number }).columns ?? 80;
  // clack writes log lines as given and lets the terminal wrap them, which loses the │ guide: wrap first.
  // Measured after the backticks become bold: wrapText does not count colour codes.
  const fit = (text: string) => wrapText(renderInlineCode(text), columns() - 3);
  // text and password print their message as given (confirm and select wrap theirs): wrap it, with the guide bar.
  const ask = (message: string) => fit(message).split('\n').join(`\n${kleur.gray('│')}  `);
  // A validation error is printed after the closing └ of the prompt.
  const check = (validate: ((value: string) => string | undefined) | undefined) =>
    validate
      ? (value: string | undefined) => {
          const error = validate(value ?? '');
          return error === undefined ? undefined : fit(error).split('\n').join('\n   ');
        }
      : undefined;
  return {
    intro: (title) => clack.intro(title, out),
    // The outro's continuation lines line up under its first word (there is no guide bar after it).
    // Its last line is the command to run next: written whole (a terminal soft-wraps it), since a line
    // broken by hand could not be copied and run.
    outro: (message) => {
      const lines = message.split('\n');
      const last = lines.length > 1 ? lines.pop() : undefined;
      const text = [fit(lines.join('\n')), ...(last === undefined ? [] : [renderInlineCode(last)])].join('\n');
      clack.outro(text.split('\n').join('\n   '), out);
    },
    note: (message, title) => clack.note(message, title, { ...out, format: renderInlineCode }),
    url: (url) => {
      // Written raw: clack wraps long lines with hard breaks, and a broken URL cannot be copied.
      streams.output.write(`${kleur.gray('│')}\n${kleur.gray('│')}  ${kleur.cyan(url)}\n`);
    },
    log: {
      info: (m) => clack.log.info(fit(m), out),
      success: (m) => clack.log.success(fit(m), out),
      warn: (m) => clack.log.warn(fit(m), out),
      error: (m) => clack.log.error(fit(m), out),
      message: (m) => clack.log.message(fit(m), out),
    },
    text: async (p) =>
      answered(
        await clack.text({
          ...streams,
          message: ask(p.message),
          defaultValue: p.defaultValue,
          initialValue: p.initialValue,
          placeholder: p.placeholder,
          validate: check(p.validate),
        }),
      ),
    password: async (p) =>
      answered(
        await clack.password({
          ...streams,
          message: ask(p.message),
          clearOnError: true,
          validate: check(p.validate),
        }),
      ),
    confirm: async (p) => answered(await clack.confirm({ ...streams, message: p.message, initialValue: p.initialValue })),
    select: async <T extends Primitive>(p: { message: string; options: SelectOption<T>[]; initialValue?: T }) =>
      answered<T>(
        await clack.select<T>({
          ...streams,
          message: p.message,
          options: p.options as clack.Option<T>[],
          initialValue: p.initialValue,
        }),
      ),
    spin: (message, work, done) => spinWhile(io, message, work, done),
  };
}
