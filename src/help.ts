import { VERSION } from './version.js';

// Kept in the entry chunk on purpose: `--help` must not load any command's code.
const PROJECT_FLAGS = `  --cwd <dir>               The project folder (default: the current folder)
  --domain <host>           Deploy to this custom domain (overrides mastrakit.config.json)
  --no-domain               Deploy to *.workers.dev: no zone permissions needed
  --domain-style <style>    flat (auth-<slug>.<domain>) or nested (auth.<slug>.<domain>, needs ACM)
  --account-id <id>         The Cloudflare account (default: CF_ACCOUNT_ID, or the only one the token reaches)
  --key <name>              The key to set up or check; only CLOUDFLARE_API_TOKEN for now
  --timeout <seconds>       Per-request timeout (default: MASTRAKIT_HTTP_TIMEOUT, else 8)
  -h, --help                Show this help`;

export const HELP = {
  main: `mastrakit ${VERSION}: get a correct Cloudflare API token, and prove it is correct.

Usage
  mastrakit setup                              Step-by-step wizard: create, paste, verify and save the token
  mastrakit setup --create                     Let mastrakit create the token, scoped to one account and one zone
  mastrakit doctor --key CLOUDFLARE_API_TOKEN  Check the saved token, without questions (for teammates and CI)
  mastrakit <command> --help                   The options of a command
  mastrakit --version

Exit codes: 0 ready · 1 the token fails a check · 2 usage or local problem · 3 Cloudflare could not be asked · 130 cancelled
`,
  doctor: `mastrakit doctor: check CLOUDFLARE_API_TOKEN against Cloudflare, without questions.

The token comes from the environment, else from .env.dev-secrets in the project folder.

Usage
  mastrakit doctor [--key CLOUDFLARE_API_TOKEN] [options]

Options
  --json                    Print one JSON document on stdout and nothing else there
  --for <deploy|redeploy>   What the token is for: a first deploy needs every row, a redeploy only Workers Scripts: Edit
${PROJECT_FLAGS}

Exit codes: 0 ready · 1 the token fails a check · 2 usage or local problem · 3 Cloudflare could not be asked
`,
  setup: `mastrakit setup: the wizard that gets you a correct CLOUDFLARE_API_TOKEN in .env.dev-secrets.

Usage
  mastrakit setup [options]
  mastrakit setup --token-stdin [--yes] [options] < token.txt
  mastrakit setup --create [options]           mastrakit creates the token (from a short-lived bootstrap token)
  mastrakit setup --create --token-stdin --yes [options] < bootstrap.txt

Options
  --create                  Create the token through Cloudflare's API, scoped to one account and one zone, from a
                            bootstrap token made with the "Create Additional Tokens" template; then check and save it
  --expires <date|never>    With --create: when the token expires (YYYY-MM-DD; default one year from today)
  --no-browser              Print the token page's address; do not offer to open a browser
  --token-stdin             Read the token from standard input and run without prompts (writes only if every check passes)
  -y, --yes                 With --token-stdin: accept the default of every question
${PROJECT_FLAGS}

Exit codes: 0 saved · 1 the token fails a check · 2 usage or local problem (or no terminal) · 3 Cloudflare could not be asked · 130 cancelled
`,
} as const;
