/** Next 16 hands pages their params and search params as promises. */
export type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** Single-valued search parameters (the first value of repeated ones). */
export async function readSearchParams(searchParams: SearchParams | undefined): Promise<Record<string, string | undefined>> {
  const raw = (await searchParams) ?? {};
  return Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
}
