import { readTokenShape, lastFour } from '../token/shape.js';
import type { Prompter } from '../ui/prompter.js';

const PASTE_HINT = 'Input is hidden. If Ctrl+V does not paste, try Shift+Insert, Ctrl+Shift+V or a right-click.';

/** Why a paste is refused, as a sentence (never echoing what was pasted); undefined for a token. */
function pasteProblem(value: string): string | undefined {
  const verdict = readTokenShape(value);
  if (verdict.ok) return undefined;
  const sentence = `${verdict.message[0]?.toUpperCase() ?? ''}${verdict.message.slice(1)}.`;
  switch (verdict.kind) {
    case 'empty':
      return `Nothing was pasted. ${PASTE_HINT}`;
    case 'global-api-key':
    case 'origin-ca-key':
      return `${sentence} Create an API token (Create Token → Create Custom Token) and paste that.`;
    case 'account-id':
      return `${sentence} Paste the token shown once after Create Token.`;
    default:
      return sentence;
  }
}

/** Step 5: the hidden paste prompt. Returns the cleaned token; shows back at most its last four characters. */
export async function pasteToken(p: Prompter): Promise<string> {
  const raw = await p.password({
    message: `Paste the token. ${PASTE_HINT}`,
    validate: pasteProblem,
  });
  const verdict = readTokenShape(raw);
  if (!verdict.ok) throw new Error('a refused paste passed validation'); // validate ran on the same text
  p.log.info(`Got the token ${lastFour(verdict.token)}.`);
  return verdict.token;
}
