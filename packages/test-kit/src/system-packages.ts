import { spawn } from "node:child_process";
import { accessSync, constants, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import { withFileLock } from "./file-lock.ts";

/** How long a hook that may install a system package should allow: apt-get takes minutes on a slow mirror. */
export const SYSTEM_PACKAGE_TIMEOUT_MS = 5 * 60_000;

/** What a command printed and whether it exited 0. */
export interface CommandResult {
  ok: boolean;
  output: string;
}

/** Runs a command to its end. */
export type CommandRunner = (command: string, args: readonly string[]) => Promise<CommandResult>;

/** Something the tests need from the system, and where it can be. */
export interface SystemPackage {
  /** For messages: "redis-server". */
  name: string;
  /** For messages, after "…is not installed, and": "the EBS's Redis-mode tests start one". */
  neededFor: string;
  /** The Debian/Ubuntu package that brings it: "redis-server". */
  aptPackage: string;
  /** Executable names looked up in the PATH directories first: "redis-server". */
  commands?: readonly string[];
  /** Files that are it, checked after the PATH: "/usr/bin/redis-server", a font file. */
  candidates?: readonly string[];
  /** How to install it where there is no apt-get, for the message: "macOS: `brew install redis`". */
  elsewhere?: string;
}

/** A {@link SystemPackage} and how to look for and install it; the defaults are this machine's. */
export interface EnsureSystemPackageOptions extends SystemPackage {
  /** Where `commands` and apt-get are looked up (default: the PATH's directories). */
  pathDirs?: readonly string[];
  /** Whether this process may install packages (default: it runs as uid 0). */
  isRoot?: boolean;
  /** Runs apt-get (default: {@link runCommand}). */
  run?: CommandRunner;
}

/** Runs a command with `DEBIAN_FRONTEND=noninteractive`, its output kept, killed after 10 minutes. */
export const runCommand: CommandRunner = (command, args) =>
  new Promise((resolve) => {
    const child = spawn(command, args, {
      env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
      stdio: ["ignore", "pipe", "pipe"],
      timeout: 10 * 60_000,
    });
    let output = "";
    const keep = (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-20_000);
    };
    child.stdout.on("data", keep);
    child.stderr.on("data", keep);
    child.once("error", (error) => resolve({ ok: false, output: `${output}${error.message}` }));
    child.once("close", (code) => resolve({ ok: code === 0, output }));
  });

function executableIn(dirs: readonly string[], names: readonly string[]): string | undefined {
  for (const dir of dirs) {
    for (const name of names) {
      const path = join(dir, name);
      try {
        accessSync(path, constants.X_OK);
        return path;
      } catch {}
    }
  }
  return undefined;
}

function pathDirsOf(options: EnsureSystemPackageOptions): readonly string[] {
  return options.pathDirs ?? (process.env.PATH ?? "").split(delimiter).filter(Boolean);
}

/** Where the package's file is on this machine (a command on the PATH, else the first candidate there), if anywhere. */
export function findSystemPackage(options: EnsureSystemPackageOptions): string | undefined {
  return (
    executableIn(pathDirsOf(options), options.commands ?? []) ??
    (options.candidates ?? []).find((path) => existsSync(path))
  );
}

function howToInstall(pkg: SystemPackage): string {
  const elsewhere = pkg.elsewhere ? `; ${pkg.elsewhere}` : "";
  return (
    `Install it: \`sudo apt-get install ${pkg.aptPackage}\` (Debian/Ubuntu)${elsewhere}. ` +
    "(Run as root on a machine with apt-get, the tests install it themselves.)"
  );
}

/** apt-get has read the package lists (once per runner, so once per process with the default one). */
const updatedBy = new WeakSet<CommandRunner>();

async function aptInstall(aptGet: string, options: EnsureSystemPackageOptions): Promise<CommandResult> {
  const run = options.run ?? runCommand;
  console.log(`${options.name} is not installed: installing Debian's ${options.aptPackage} with apt-get`);
  if (!updatedBy.has(run) && (await run(aptGet, ["update", "-qq"])).ok) updatedBy.add(run);
  return run(aptGet, ["install", "-y", "-qq", options.aptPackage]);
}

/**
 * The path of something the tests need from the system (an executable, a font file). When it is missing it is
 * installed with apt-get if this process is root and has apt-get, else this throws a message that says how to
 * install it: the tests that need it then fail, never skip. Test processes running side by side install one
 * at a time, and one that waited finds what the other installed.
 */
export async function ensureSystemPackage(options: EnsureSystemPackageOptions): Promise<string> {
  const found = findSystemPackage(options);
  if (found) return found;
  const missing = `${options.name} is not installed, and ${options.neededFor}.`;
  const isRoot = options.isRoot ?? process.getuid?.() === 0;
  const aptGet = executableIn(pathDirsOf(options), ["apt-get"]);
  if (!isRoot || !aptGet) throw new Error(`${missing} ${howToInstall(options)}`);
  return withFileLock(join(tmpdir(), "ext-test-kit-apt-get.lock"), async () => {
    const meanwhile = findSystemPackage(options);
    if (meanwhile) return meanwhile;
    const install = await aptInstall(aptGet, options);
    const installed = findSystemPackage(options);
    if (install.ok && installed) return installed;
    const what = install.ok
      ? `apt-get installed ${options.aptPackage}, but ${options.name} is still not where the tests look`
      : `\`apt-get install -y ${options.aptPackage}\` failed`;
    throw new Error(`${missing} ${what}:\n${install.output.slice(-2000)}\n${howToInstall(options)}`);
  });
}
