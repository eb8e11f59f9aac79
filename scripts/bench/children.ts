import { spawn, type ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import { readFileSync } from 'node:fs'
import { freePort } from '../../src/ops/ports.js'
export { freePort }

/*
 * The bench's child processes (the bare Fastify route and the real server): each is tracked from its spawn until it
 * is reaped, so that nothing outlives the bench, whether it ends normally, on an error or on a signal.
 */

const live = new Set<ChildProcess>()

/** SIGKILLs every child still running; synchronous, so it is safe in an exit handler. */
export function killAll (): void {
  for (const child of live) {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
  }
}

export const sleep = async (ms: number): Promise<void> => { await new Promise(resolve => { setTimeout(resolve, ms) }) }


export interface Child {
  pid: number
  base: string
  /** The last lines it wrote, for an error message. */
  output: () => string
  /** SIGTERM, then SIGKILL after `graceMs`; resolves once the process is reaped. */
  stop: (graceMs?: number) => Promise<void>
}

/**
 * Starts `node --import tsx <script>` from `cwd` with exactly `env` (plus PATH), on a free port passed as PORT, and
 * waits until GET `healthPath` answers 2xx (at most `startMs`).
 */
export async function startNode (opts: { cwd: string, script: string, env: Record<string, string>, healthPath: string, startMs: number }): Promise<Child> {
  const port = await freePort()
  const child = spawn(process.execPath, ['--import', 'tsx', opts.script], {
    cwd: opts.cwd,
    // A minimal environment: nothing of the caller's NODE_OPTIONS follows the child.
    env: { PATH: process.env.PATH ?? '', ...opts.env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe']
  })
  live.add(child)
  const exited = once(child, 'exit').then(() => { live.delete(child) })
  const lines: string[] = []
  const keep = (chunk: Buffer): void => {
    lines.push(...chunk.toString('utf8').split('\n').filter(l => l !== ''))
    if (lines.length > 40) lines.splice(0, lines.length - 40)
  }
  child.stdout?.on('data', keep)
  child.stderr?.on('data', keep)
  const running = (): boolean => child.exitCode === null && child.signalCode === null
  const stop = async (graceMs = 5000): Promise<void> => {
    if (running()) {
      child.kill('SIGTERM')
      const timer = setTimeout(() => { if (running()) child.kill('SIGKILL') }, graceMs)
      await exited
      clearTimeout(timer)
    } else {
      await exited
    }
  }
  const base = `http://127.0.0.1:${port}`
  const deadline = Date.now() + opts.startMs
  while (Date.now() < deadline && running()) {
    try {
      const r = await fetch(`${base}${opts.healthPath}`, { signal: AbortSignal.timeout(1000) })
      if (r.ok && child.pid !== undefined) return { pid: child.pid, base, output: () => lines.join('\n'), stop }
    } catch {
      // not listening yet
    }
    await sleep(100)
  }
  await stop(0)
  throw new Error(`${opts.script} did not answer ${opts.healthPath} within ${opts.startMs} ms (exit ${String(child.exitCode ?? child.signalCode)}):\n${lines.join('\n')}`)
}

/** Peak resident set size (VmHWM) and current RSS (VmRSS) of a process, in MiB, from /proc (Linux). */
export function memoryOf (pid: number): { peakMiB: number, rssMiB: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8')
  const kib = (field: string): number => {
    const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)
    if (m === null) throw new Error(`/proc/${pid}/status has no ${field}`)
    return Number(m[1])
  }
  return { peakMiB: kib('VmHWM') / 1024, rssMiB: kib('VmRSS') / 1024 }
}
