/** build.mjs's bundler, as the benchmark uses it. */
export function bundle(entryPoints: Record<string, string>, outdir?: string): Promise<void>;
