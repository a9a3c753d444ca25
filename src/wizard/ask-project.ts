import { describeTarget } from '../render/heading.js';
import type { DomainStyle, ProjectAnswers } from '../target.js';
import { LocalError } from '../errors.js';
import { CONFIG_FILE, type ConfigRead } from '../project/config.js';
import { hostNames, normaliseDomain } from '../project/hostname.js';
import type { Prompter, SelectOption } from '../ui/prompter.js';
import { beyondUniversalSsl } from './show-permissions.js';
import { guessZoneApex } from './zone-guess.js';
import type { ProjectFlags } from '../options.js';

/** What step 2 asks from: the flags given, the config as read, and the slug (for the host names shown). */
interface ProjectQuestions {
  flags: ProjectFlags;
  config: ConfigRead;
  slug: string;
}

/** The answers mastrakit.config.json already holds, when it holds all of them (a teammate's project). */
export function savedAnswers(config: ConfigRead): ProjectAnswers | null {
  if (!config.answered.domain) return null;
  if (config.config.domain === null) return { domain: null, domainStyle: config.config.domainStyle };
  if (!config.answered.domainStyle) return null;
  // loadProject refuses a malformed saved domain before any question (exit 2, one line), for setup as for
  // doctor; one that reaches here anyway is no answer, never a host name.
  const checked = normaliseDomain(config.config.domain);
  return checked.ok ? { domain: checked.domain, domainStyle: config.config.domainStyle } : null;
}

/** One line for where the project deploys: `auth-acme.example.com (flat)` or `*.workers.dev`. */
export function describeAnswers(slug: string, answers: ProjectAnswers): string {
  return describeTarget(slug, { ...answers, purpose: 'deploy' });
}

/** What is wrong with a typed domain, as one sentence; undefined when it is a host name. */
function domainProblem(input: string): string | undefined {
  const checked = normaliseDomain(input.trim());
  return checked.ok ? undefined : checked.reason;
}

/** The two styles, each showing the real host name for this slug and domain. */
export function styleOptions(slug: string, domain: string): SelectOption<DomainStyle>[] {
  const hosts = hostNames(slug, domain);
  // Flat on a subdomain of its zone is two levels below the apex too: Universal SSL does not cover it.
  const flatHint = beyondUniversalSsl({ domain, domainStyle: 'flat' }) ? 'needs ACM' : 'Universal SSL';
  return [
    { value: 'flat', label: `Flat: ${hosts.flat}`, hint: flatHint },
    { value: 'nested', label: `Nested: ${hosts.nested}`, hint: 'needs ACM' },
  ];
}

const STYLE_EXPLAINED =
  'Flat host names are covered by Universal SSL. Nested ones need an Advanced Certificate Manager (ACM) certificate, and the token then needs SSL and Certificates: Edit.';

/**
 * The sentence before the style question. On a subdomain of its zone (by the public suffix list) both
 * styles are two or more levels below the apex, beyond Universal SSL, which covers one level.
 */
function styleExplained(domain: string): string {
  if (!beyondUniversalSsl({ domain, domainStyle: 'flat' })) return STYLE_EXPLAINED;
  return `${domain} is itself below its zone (${guessZoneApex(domain)}, by the public suffix list), so both styles are beyond Universal SSL, which covers one level below the zone: either needs an Advanced Certificate Manager (ACM) certificate, and the token then needs SSL and Certificates: Edit.`;
}

function flagDomain(domain: string): string {
  const checked = normaliseDomain(domain);
  // loadProject has already refused a bad --domain; this only lower-cases and drops a trailing dot.
  return checked.ok ? checked.domain : domain;
}

/**
 * Step 2: custom domain or *.workers.dev, which domain, which style. Flags skip their question; a
 * config that holds every answer is shown in one line and only confirmed.
 */
export async function askProject(p: Prompter, ctx: ProjectQuestions): Promise<ProjectAnswers> {
  const { flags, config, slug } = ctx;
  const styleDefault = flags.domainStyle ?? config.config.domainStyle;

  const askStyle = async (domain: string): Promise<DomainStyle> => {
    if (flags.domainStyle) return flags.domainStyle;
    p.log.info(styleExplained(domain));
    return p.select<DomainStyle>({ message: 'Which host name style?', options: styleOptions(slug, domain), initialValue: styleDefault });
  };

  if (flags.domain === null) return { domain: null, domainStyle: styleDefault };
  if (flags.domain !== undefined) {
    const domain = flagDomain(flags.domain);
    const domainStyle = flags.domainStyle ?? (config.answered.domainStyle ? config.config.domainStyle : await askStyle(domain));
    return { domain, domainStyle };
  }

  const saved = savedAnswers(config);
  if (saved) {
    const answers = { ...saved, domainStyle: flags.domainStyle ?? saved.domainStyle };
    const keep = await p.confirm({
      message: `Deploy to ${describeAnswers(slug, answers)}, as ${CONFIG_FILE} says?`,
      initialValue: true,
    });
    if (keep) return answers;
  }

  const custom = await p.confirm({
    message: 'Deploy to a custom domain? (No: deploy to *.workers.dev)',
    initialValue: config.config.domain !== null,
  });
  if (!custom) return { domain: null, domainStyle: styleDefault };
  const typed = await p.text({
    message: 'Which domain? (a zone in your Cloudflare account)',
    placeholder: 'example.com',
    initialValue: config.config.domain ?? undefined,
    validate: domainProblem,
  });
  const checked = normaliseDomain(typed.trim());
  if (!checked.ok) throw new Error('domain passed validation but does not normalise'); // validate ran on the same text
  if (checked.note) p.log.info(checked.note);
  return { domain: checked.domain, domainStyle: await askStyle(checked.domain) };
}

/**
 * Step 2 without prompts (`setup --token-stdin`): flags first, then mastrakit.config.json. An answer
 * neither gives is taken from the defaults only with --yes (*.workers.dev, and `flat` for a custom
 * domain): without it, a script would silently check the token against a target nobody chose, so
 * this refuses with the flags that settle it.
 */
export function answersWithoutPrompts(
  flags: Pick<ProjectFlags, 'domain' | 'domainStyle'>,
  config: ConfigRead,
  yes: boolean,
): ProjectAnswers {
  const saved = config.answered.domain ? config.config.domain : undefined;
  const domain = flags.domain !== undefined ? flags.domain : saved;
  if (domain === undefined) {
    if (yes) return { domain: null, domainStyle: flags.domainStyle ?? config.config.domainStyle };
    throw new LocalError(
      `Where does this project deploy? ${CONFIG_FILE} does not say: add --domain <host> or --no-domain (or --yes for *.workers.dev).`,
    );
  }
  if (domain === null) return { domain: null, domainStyle: flags.domainStyle ?? config.config.domainStyle };
  const style = flags.domainStyle ?? (config.answered.domainStyle ? config.config.domainStyle : undefined);
  if (style === undefined && !yes) {
    throw new LocalError(
      `Which host name style for ${domain}? ${CONFIG_FILE} does not say: add --domain-style flat or --domain-style nested (or --yes for flat).`,
    );
  }
  const checked = normaliseDomain(domain);
  // loadProject has refused a malformed domain already, with this same line.
  if (!checked.ok) throw new LocalError(`${CONFIG_FILE} "domain": ${checked.reason}`);
  return { domain: checked.domain, domainStyle: style ?? 'flat' };
}
