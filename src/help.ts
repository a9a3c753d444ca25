import { VERSION } from './version.js';

// Kept in the entry chunk on purpose: `--help` must not load any command's code. Every line fits in
// 80 columns (test/commands/help.test.ts), so a default terminal never wraps it.
const PROJECT_FLAGS = `  --cwd <dir>              The project folder (default: the current folder)
  --domain <host>          Deploy to this custom domain
  --no-domain              Deploy to *.workers.dev (no zone permissions needed)
  --domain-style <style>   flat: auth-<slug>.<domain> (Universal SSL), or
                           nested: auth.<slug>.<domain> (needs ACM)
  --account-id <id>        The Cloudflare account (default: CF_ACCOUNT_ID, or
                           the only account the token reaches)
  --key <name>             The key to check; only CLOUDFLARE_API_TOKEN for now
  --timeout <seconds>      Per-request timeout (default:
                           MASTRAKIT_HTTP_TIMEOUT, else 8)
  -h, --help               Show this help`;

const ENVIRONMENT = `Environment
  CLOUDFLARE_API_TOKEN     The token (wins over .env.dev-secrets, as at deploy)
  CF_ACCOUNT_ID            The account (also CLOUDFLARE_ACCOUNT_ID; also read
                           from .env.dev-secrets)
  CLOUDFLARE_API_BASE_URL  Another API base (plain http: only to loopback)
  HTTPS_PROXY, NO_PROXY    A proxy; NODE_EXTRA_CA_CERTS for its certificate
  MASTRAKIT_HTTP_TIMEOUT   Per-request timeout in seconds (default 8)
  NO_COLOR, FORCE_COLOR    Colour off / on
  MASTRAKIT_DEBUG          Print the stack of an unexpected error`;

const EXIT_CODES = `Exit codes
  0 ready · 1 the token fails a check · 2 usage or local problem
  3 Cloudflare could not be asked · 130 cancelled`;

export const HELP = {
  main: `mastrakit ${VERSION}: get a correct Cloudflare API token, and prove it.

Usage
  mastrakit setup             Wizard: create, paste, check and save the token
  mastrakit setup --create    Let mastrakit create a narrowly scoped token
  mastrakit doctor            Check the saved token, without questions
  mastrakit <command> --help  The options of a command
  mastrakit --version

Examples
  mastrakit setup
  mastrakit doctor --key CLOUDFLARE_API_TOKEN
  mastrakit doctor --json > report.json

${ENVIRONMENT}

${EXIT_CODES}
`,
  doctor: `mastrakit doctor: check CLOUDFLARE_API_TOKEN against Cloudflare, no questions.

The token comes from the environment, else from .env.dev-secrets in the
project folder.

Usage
  mastrakit doctor [--key CLOUDFLARE_API_TOKEN] [options]

Options
  --json                   One JSON document on stdout, nothing else there
  --for <deploy|redeploy>  A first deploy needs every row; a redeploy only
                           Workers Scripts: Edit
${PROJECT_FLAGS}

Examples
  mastrakit doctor --key CLOUDFLARE_API_TOKEN
  mastrakit doctor --no-domain --account-id 0123456789abcdef0123456789abcdef
  CLOUDFLARE_API_TOKEN=… mastrakit doctor --json --for redeploy

${ENVIRONMENT}

${EXIT_CODES}
`,
  setup: `mastrakit setup: the wizard that gets you a correct CLOUDFLARE_API_TOKEN.

It saves the token to .env.dev-secrets in the project folder.

Usage
  mastrakit setup [options]
  mastrakit setup --token-stdin [--yes] [options] < token.txt
  mastrakit setup --create [options]
  mastrakit setup --create --token-stdin --yes [options] < bootstrap.txt

Options
  --create                 Create the token through Cloudflare's API, scoped to
                           one account and one zone, from a bootstrap token
                           ("Create Additional Tokens" template); then check
                           and save it
  --expires <date|never>   With --create: when the token expires (YYYY-MM-DD;
                           default one year from today)
  --no-browser             Print the token page's address; do not offer to
                           open a browser
  --token-stdin            Read the token from standard input, no prompts
                           (writes only if every required check passes)
  -y, --yes                With --token-stdin: accept every default
  --save-config            Save changed answers to mastrakit.config.json
                           without asking (--token-stdin: only then)
${PROJECT_FLAGS}

Examples
  mastrakit setup
  mastrakit setup --domain example.com --domain-style flat
  mastrakit setup --token-stdin --no-domain < token.txt

${ENVIRONMENT}

${EXIT_CODES}
`,
} as const;
