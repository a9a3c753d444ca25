/**
 * What the project deploys to: the words every layer shares. It imports nothing, so that checks/,
 * permissions/ and project/ can all use it without importing each other.
 */
export type DomainStyle = 'flat' | 'nested';
export type Purpose = 'deploy' | 'redeploy';

/** The answers of the wizard's step 2 (or of flags and the config): where the project deploys. */
export interface ProjectAnswers {
  /** null: *.workers.dev. */
  domain: string | null;
  domainStyle: DomainStyle;
}

/** What the checks need to know about the project. */
export interface Target extends ProjectAnswers {
  purpose: Purpose;
  /** The project's slug: the auth host is `auth-<slug>.<domain>` or `auth.<slug>.<domain>`. */
  slug: string;
}
