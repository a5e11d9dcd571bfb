import { readdir, readFile } from "node:fs/promises";
import { join, sep } from "node:path";
import type { FrontendFile } from "./inspect.ts";

/** Every file under `dir`, by its path relative to `dir` with forward slashes, sorted. */
export async function readFrontendFiles(dir: string): Promise<FrontendFile[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const paths = entries
    .filter((entry) => entry.isFile())
    .map((entry) =>
      join(entry.parentPath, entry.name)
        .slice(dir.length + 1)
        .split(sep)
        .join("/"),
    )
    .sort();
  return Promise.all(paths.map(async (path) => ({ path, data: await readFile(join(dir, path)) })));
}
