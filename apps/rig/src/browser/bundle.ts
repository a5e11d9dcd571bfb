import { stat } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

/** A browser entry point bundled on first use and rebuilt when one of its source files changes. */
export interface BrowserBundle {
  /** The bundled JavaScript (format iife, target es2022). */
  code(): Promise<string>;
}

interface Built {
  code: string;
  builtAt: number;
  inputs: string[];
}

/**
 * Bundles `entry` (a path relative to this folder) with esbuild's JS API on the first call and caches it. Each
 * later call compares the inputs' modification times with the build's, so an edited browser file is picked up
 * on the next reload without restarting the rig.
 */
export function createBrowserBundle(entry: string): BrowserBundle {
  const entryPath = fileURLToPath(new URL(entry, import.meta.url));
  const workingDir = dirname(entryPath);
  let pending: Promise<Built> | undefined;

  const bundle = async (): Promise<Built> => {
    const startedAt = Date.now();
    const result = await build({
      entryPoints: [entryPath],
      absWorkingDir: workingDir,
      bundle: true,
      format: "iife",
      target: "es2022",
      platform: "browser",
      write: false,
      metafile: true,
      charset: "utf8",
      legalComments: "none",
      logLevel: "silent",
    });
    const output = result.outputFiles[0];
    if (!output) throw new Error(`esbuild produced no output for ${entry}`);
    const inputs = Object.keys(result.metafile.inputs).map((input) => resolve(workingDir, input));
    return { code: output.text, builtAt: startedAt, inputs };
  };

  const isStale = async (built: Built): Promise<boolean> => {
    const times = await Promise.all(
      built.inputs.map((input) =>
        stat(input).then(
          (s) => s.mtimeMs,
          () => Number.POSITIVE_INFINITY,
        ),
      ),
    );
    return times.some((mtime) => mtime > built.builtAt);
  };

  return {
    async code() {
      if (pending) {
        const built = await pending.catch(() => undefined);
        if (built && !(await isStale(built))) return built.code;
      }
      const attempt = bundle();
      pending = attempt;
      attempt.catch(() => {
        if (pending === attempt) pending = undefined;
      });
      return (await attempt).code;
    },
  };
}
