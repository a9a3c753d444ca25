/** The process environment as Deps carries it; modules here read only what they are handed. */
export type Env = Readonly<Record<string, string | undefined>>;

/** A variable counts as set only when it holds something other than blanks. */
export function envValue(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  return value ? value : undefined;
}
