import { mkdir, mkdtemp, realpath, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATA_DIR_ENV, findDataDir } from '../../local/config-file';

let root: string;
beforeAll(async () => {
  // realpath: on macOS the temp dir is a symlink, and the walk resolves real paths.
  root = await realpath(await mkdtemp(join(tmpdir(), 'pillarwatch-find-')));
  await mkdir(join(root, 'project', '.pillarwatch'), { recursive: true });
  await mkdir(join(root, 'project', 'src', 'deep'), { recursive: true });
  await mkdir(join(root, 'elsewhere'), { recursive: true });
});
afterAll(() => rm(root, { recursive: true, force: true }));

describe('the CLI finds the local stack like a built tool', () => {
  it('--data-dir wins, resolved against the working directory', async () => {
    const cwd = join(root, 'project', 'src');
    expect(await findDataDir('data', { [DATA_DIR_ENV]: '/env/dir' }, cwd)).toBe(join(cwd, 'data'));
  });

  it('then $PILLARWATCH_DATA_DIR', async () => {
    const cwd = join(root, 'project', 'src');
    expect(await findDataDir(undefined, { [DATA_DIR_ENV]: '/env/dir' }, cwd)).toBe('/env/dir');
  });

  it('then the nearest .pillarwatch/ up the tree from the working directory', async () => {
    const cwd = join(root, 'project', 'src', 'deep');
    expect(await findDataDir(undefined, {}, cwd)).toBe(join(root, 'project', '.pillarwatch'));
  });

  it('else ./.pillarwatch in the working directory', async () => {
    const cwd = join(root, 'elsewhere');
    expect(await findDataDir(undefined, {}, cwd)).toBe(join(cwd, '.pillarwatch'));
  });
});
