import { createWriteStream } from "node:fs";
import { mkdir, rename } from "node:fs/promises";
import { dirname } from "node:path";
import { pipeline } from "node:stream/promises";
import { ZipFile } from "yazl";
import type { FrontendFile } from "./inspect.ts";

/** A fixed timestamp, so the same build gives the same zip. */
const MTIME = new Date("2020-01-01T00:00:00Z");

/** Writes `files` at the root of a zip at `outFile` (through a temporary file, so no half zip is left). */
export async function writeZip(files: readonly FrontendFile[], outFile: string): Promise<void> {
  await mkdir(dirname(outFile), { recursive: true });
  const zip = new ZipFile();
  for (const file of files)
    zip.addBuffer(Buffer.from(file.data), file.path, { mtime: MTIME, mode: 0o100644 });
  zip.end();
  const partial = `${outFile}.partial`;
  await pipeline(zip.outputStream, createWriteStream(partial));
  await rename(partial, outFile);
}
