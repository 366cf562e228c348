/** Builds web/dist/index.html (see build.mjs). */
export function buildWeb(opts?: {
  outDir?: string;
}): Promise<{ file: string; bytes: number; workerBytes: number }>;
