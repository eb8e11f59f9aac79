import { copyFileSync, existsSync, renameSync, rmSync } from 'node:fs'
import SQLite from 'better-sqlite3'

/**
 * A consistent copy of a live SQLite ledger through SQLite's online backup API: it reads from its own connection
 * while the server keeps writing (WAL), and copies one committed state.
 */
export async function backupSqlite (source: string, target: string): Promise<{ pages: number }> {
  if (existsSync(target)) throw new Error(`${target} exists: choose a new file for the backup`)
  const db = new SQLite(source, { readonly: true, fileMustExist: true })
  try {
    const r = await db.backup(target)
    return { pages: r.totalPages }
  } finally {
    db.close()
  }
}

/**
 * Puts a backup in place of the ledger at `target`. The server must be stopped: the restore takes an exclusive lock on
 * the current file first and refuses if anything holds it. The file it replaces is kept beside it.
 */
export function restoreSqlite (backup: string, target: string, now: Date): { replaced: string | null } {
  if (!existsSync(backup)) throw new Error(`no backup at ${backup}`)
  let replaced: string | null = null
  if (existsSync(target)) {
    const live = new SQLite(target, { fileMustExist: true, timeout: 0 })
    try {
      live.pragma('locking_mode = EXCLUSIVE')
      live.exec('BEGIN EXCLUSIVE; COMMIT')
      live.pragma('wal_checkpoint(TRUNCATE)')
    } catch {
      live.close()
      throw new Error(`${target} is in use: stop the server before restoring`)
    }
    live.close()
    replaced = `${target}.before-restore-${now.toISOString().replace(/[:.]/g, '-')}`
    renameSync(target, replaced)
  }
  for (const suffix of ['-wal', '-shm']) rmSync(`${target}${suffix}`, { force: true })
  copyFileSync(backup, target)
  return { replaced }
}
