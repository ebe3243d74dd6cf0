// Uploaded import files waiting between preview and commit: kept in a private temporary
// folder under a random id, tied to the user who uploaded them, removed after commit or an hour.
import { randomBytes } from 'node:crypto';
import { mkdtemp, mkdir, rm } from 'node:fs/promises';
import { createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';

export interface Upload {
  id: string;
  owner: string;
  /** The name the user's file had (for messages and the audit log). */
  filename: string;
  /** Where the bytes are, with the original extension (the importer reads it). */
  path: string;
  created: number;
  /** The last dry run of this upload: its options (as a key), and whether a problem blocked it. */
  plan?: { key: string; blocked: boolean; problems: unknown[]; command: string | null };
}

const TTL_MS = 60 * 60 * 1000;

export class UploadStore {
  private dir: Promise<string> | null = null;
  private readonly uploads = new Map<string, Upload>();

  /** Saves a stream under a new id; returns the upload. */
  async save(owner: string, filename: string, data: Readable): Promise<Upload> {
    this.sweep();
    const id = randomBytes(16).toString('hex');
    const dir = join(await this.root(), id);
    await mkdir(dir, { mode: 0o700 });
    // Keep only a safe basename; the extension tells the importer .csv / .xlsx / .gz.
    const safe =
      filename
        .replace(/[/\\\0]/g, '_')
        .replace(/^\.+/, '')
        .slice(-120) || 'upload.csv';
    const path = join(dir, safe);
    await pipeline(data, createWriteStream(path, { mode: 0o600 }));
    const u = { id, owner, filename, path, created: Date.now() };
    this.uploads.set(id, u);
    return u;
  }

  /** Returns the upload when it exists and belongs to `owner`. */
  get(id: string, owner: string): Upload | null {
    const u = this.uploads.get(id);
    return u && u.owner === owner && Date.now() - u.created < TTL_MS ? u : null;
  }

  /** Deletes an upload's file. */
  async remove(id: string): Promise<void> {
    const u = this.uploads.get(id);
    this.uploads.delete(id);
    if (u) await rm(join(u.path, '..'), { recursive: true, force: true });
  }

  /** Deletes every upload (server shutdown). */
  async clear(): Promise<void> {
    this.uploads.clear();
    if (this.dir) await rm(await this.dir, { recursive: true, force: true });
    this.dir = null;
  }

  private root(): Promise<string> {
    this.dir ??= mkdtemp(join(tmpdir(), 'kenshin-uploads-'));
    return this.dir;
  }

  private sweep(): void {
    for (const u of this.uploads.values())
      if (Date.now() - u.created >= TTL_MS) void this.remove(u.id);
  }
}
