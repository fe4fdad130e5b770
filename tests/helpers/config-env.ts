/** A stand-in for the `env` helper Strapi passes to config files, reading a plain object. */
export const envFrom = (values: Record<string, string | undefined>) =>
  Object.assign((key: string, fallback?: unknown) => values[key] ?? fallback, {
    int: (key: string, fallback?: number) => (values[key] ? Number(values[key]) : fallback),
    bool: (key: string, fallback?: boolean) => (values[key] ? values[key] === 'true' : fallback),
    array: (key: string, fallback?: string[]) => (values[key] ? values[key]!.split(',') : fallback),
  }) as any;
