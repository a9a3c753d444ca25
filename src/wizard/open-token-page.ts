import type { Deps } from '../deps.js';
import type { Prompter } from '../ui/prompter.js';

type BrowserVerdict = { ok: true } | { ok: false; why: string };

interface BrowserPlace {
  env: Readonly<Record<string, string | undefined>>;
  platform: NodeJS.Platform;
  /** false with --no-browser. */
  browser: boolean;
  /** Whether a file exists (for the container markers); injected so tests decide. */
  exists: (path: string) => boolean;
}

/** Whether a browser could open here at all. `open` resolves even when nothing opened, so this is decided first. */
export function browserVerdict(place: BrowserPlace): BrowserVerdict {
  const { env } = place;
  if (!place.browser) return { ok: false, why: '--no-browser' };
  if (env.CI && env.CI !== 'false' && env.CI !== '0') return { ok: false, why: 'running in CI' };
  if (env.SSH_CONNECTION || env.SSH_TTY || env.SSH_CLIENT) return { ok: false, why: 'connected over SSH' };
  if (env.container || place.exists('/.dockerenv') || place.exists('/run/.containerenv')) {
    return { ok: false, why: 'running in a container' };
  }
  if (place.platform === 'linux' && !env.DISPLAY && !env.WAYLAND_DISPLAY) {
    return { ok: false, why: 'no graphical display (DISPLAY and WAYLAND_DISPLAY are unset)' };
  }
  return { ok: true };
}

/**
 * Step 4: the pre-filled token page. The address is always printed; a browser is offered only where
 * one can open, after asking, and the wizard never claims that it did open.
 */
export async function openTokenPage(
  p: Prompter,
  ctx: { url: string; verdict: BrowserVerdict; openUrl: Deps['openUrl']; zones: boolean },
): Promise<{ asked: boolean }> {
  p.log.message('Create the token on this page; it opens with the permissions above filled in:');
  p.url(ctx.url);
  const resources = ctx.zones ? 'Account Resources and Zone Resources' : 'Account Resources';
  p.log.message(`Then: set ${resources}, Continue to summary → Create Token, and copy the token. You can only view it once.`);
  if (!ctx.verdict.ok) {
    p.log.info(`Open the address above in a browser (not opening one here: ${ctx.verdict.why}).`);
    return { asked: false };
  }
  const open = await p.confirm({ message: 'Open this page in your browser?', initialValue: true });
  if (!open) return { asked: false };
  try {
    await ctx.openUrl(ctx.url);
    p.log.info('Asked your browser to open it. If no page appeared, copy the address above.');
    return { asked: true };
  } catch {
    p.log.warn('Could not ask a browser to open it: copy the address above.');
    return { asked: false };
  }
}
