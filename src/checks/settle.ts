/** A promise's outcome as data, so one failed request never leaves the others' rejections unhandled. */
export type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown };

export function settle<T>(p: Promise<T>): Promise<Settled<T>> {
  return p.then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );
}

export function reason(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
