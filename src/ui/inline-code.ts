import kleur from 'kleur';

/**
 * The docs page's `code` spans for a terminal: bold where colour is on, and the backticks dropped
 * either way (kleur returns the text unchanged when colour is off, as with NO_COLOR). Only the wizard
 * renders them; doctor's lines keep the docs page's exact text, backticks included.
 */
export function renderInlineCode(text: string): string {
  return text.replace(/`([^`\n]+)`/g, (_, code: string) => kleur.bold(code));
}
