// The memory budget: half of what the process may use, a container's cgroup limit included
// (v1 and v2, the process's own group); the setting and KENSHIN_MEMORY_LIMIT override it; the
// open database runs under it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { totalmem } from 'node:os';
import {
  currentMemoryBudget,
  memoryBudget,
  usableMemoryBytes,
  withImportMemory,
} from './memory.js';
import { closeStore, openStore } from './db.js';
import { sizeBytes } from '../domain/sizes.js';
import { saveSettings } from './settings-store.js';

const files = (map: Record<string, string>) => (f: string) => {
  if (f in map) return map[f];
  throw Object.assign(new Error('ENOENT'), { code: 'ENOENT' });
};

test('a cgroup limit lower than the machine is the usable memory (v1 and v2)', () => {
  const GiB = 2 ** 30;
  const v1 = files({
    '/proc/self/cgroup': '4:memory:/process_api/abc\n0::/\n',
    '/sys/fs/cgroup/memory/memory.limit_in_bytes': '9223372036854771712',
    '/sys/fs/cgroup/memory/process_api/abc/memory.limit_in_bytes': String(GiB),
  });
  assert.equal(usableMemoryBytes(v1), GiB);
  const v2 = files({
    '/proc/self/cgroup': '0::/user.slice/kenshin.service\n',
    '/sys/fs/cgroup/user.slice/kenshin.service/memory.max': String(2 * GiB),
  });
  assert.equal(usableMemoryBytes(v2), Math.min(totalmem(), 2 * GiB));
  assert.equal(usableMemoryBytes(files({ '/sys/fs/cgroup/memory.max': 'max' })), totalmem());
});

test('the setting, then the environment, override the default; a bad size is refused', () => {
  assert.equal(memoryBudget({ limit: '2GiB', temp_directory: null }, {}).limit, '2GiB');
  assert.equal(
    memoryBudget({ limit: '2GiB', temp_directory: null }, { KENSHIN_MEMORY_LIMIT: '700MB' }).limit,
    '700MB',
  );
  assert.match(memoryBudget(undefined, {}).limit, /^\d+MiB$/);
  assert.throws(
    () => memoryBudget(undefined, { KENSHIN_MEMORY_LIMIT: 'lots' }),
    /KENSHIN_MEMORY_LIMIT/,
  );
});

test('the stored memory settings apply when the database is opened', async () => {
  const path = `/tmp/kenshin-memory-${process.pid}.duckdb`;
  const store = await openStore(path);
  await saveSettings(store.conn, {
    memory: { limit: '300MiB', temp_directory: `/tmp/kenshin-spill-${process.pid}` },
  });
  closeStore(store);
  const again = await openStore(path);
  try {
    const b = await currentMemoryBudget(again.conn);
    assert.match(b.memory_limit, /^(300\.0 MiB|314\.5 MB)$/);
    assert.equal(b.temp_directory, `/tmp/kenshin-spill-${process.pid}`);
  } finally {
    closeStore(again);
    const { rm } = await import('node:fs/promises');
    await rm(path, { force: true });
    await rm(`${path}.wal`, { force: true });
  }
});

test('an import runs under at most 1 GiB and the budget comes back after it, even when it fails', async () => {
  assert.equal(sizeBytes('11.7 GiB'), 11.7 * 2 ** 30);
  assert.equal(sizeBytes('1500MB'), 1.5e9);
  assert.equal(sizeBytes('lots'), null);
  const store = await openStore(':memory:');
  try {
    await store.conn.run(`SET memory_limit = '8GiB'`);
    const during = await withImportMemory(store.conn, () => currentMemoryBudget(store.conn));
    assert.equal(sizeBytes(during.memory_limit), 2 ** 30);
    assert.equal(sizeBytes((await currentMemoryBudget(store.conn)).memory_limit), 8 * 2 ** 30);
    await assert.rejects(
      withImportMemory(store.conn, async () => {
        throw new Error('bad file');
      }),
      /bad file/,
    );
    assert.equal(sizeBytes((await currentMemoryBudget(store.conn)).memory_limit), 8 * 2 ** 30);
    // A lower budget (a small container) is kept.
    await store.conn.run(`SET memory_limit = '512MiB'`);
    const small = await withImportMemory(store.conn, () => currentMemoryBudget(store.conn));
    assert.equal(sizeBytes(small.memory_limit), 512 * 2 ** 20);
  } finally {
    closeStore(store);
  }
});
