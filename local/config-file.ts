import { readFile, stat, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import * as z from 'zod';

export const DEFAULT_DATA_DIR = '.pillarwatch';
/** The environment variable that names the data dir when `--data-dir` is not given. */
export const DATA_DIR_ENV = 'PILLARWATCH_DATA_DIR';
const FILE_NAME = 'local.json';

/** What a running local stack writes into its data dir so the CLI can find it. */
export const LocalStackConfig = z.object({
  apiUrl: z.url(),
  s3Endpoint: z.url(),
  dynamoEndpoint: z.url(),
  bucket: z.string().min(1),
  table: z.string().min(1),
  pid: z.number().int().positive(),
});
export type LocalStackConfig = z.infer<typeof LocalStackConfig>;

export const localConfigPath = (dataDir: string) => join(dataDir, FILE_NAME);

export async function writeLocalConfig(dataDir: string, config: LocalStackConfig): Promise<string> {
  const path = localConfigPath(dataDir);
  await writeFile(path, `${JSON.stringify(config, null, 2)}\n`);
  return path;
}

/** The config of the stack that last ran from this data dir; undefined when there is none (or it is unreadable). */
export async function readLocalConfig(dataDir: string): Promise<LocalStackConfig | undefined> {
  let text: string;
  try {
    text = await readFile(localConfigPath(dataDir), 'utf8');
  } catch {
    return undefined;
  }
  try {
    const parsed = LocalStackConfig.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** True while the process that wrote the config is alive (signal 0 probes without signalling). */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * The data dir a CLI command uses, like a built tool finds its project: `--data-dir`, else
 * `$PILLARWATCH_DATA_DIR`, else the nearest `.pillarwatch/` from `cwd` up to the root, else `./.pillarwatch`.
 */
export async function findDataDir(
  flag: string | undefined,
  env: Readonly<Record<string, string | undefined>> = process.env,
  cwd: string = process.cwd(),
): Promise<string> {
  if (flag !== undefined) return resolve(cwd, flag);
  const fromEnv = env[DATA_DIR_ENV];
  if (fromEnv) return resolve(cwd, fromEnv);
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    const candidate = join(dir, DEFAULT_DATA_DIR);
    if ((await stat(candidate).catch(() => undefined))?.isDirectory()) return candidate;
    if (dirname(dir) === dir) return resolve(cwd, DEFAULT_DATA_DIR);
  }
}
