import { spawn, type ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import { freePort } from './ports.js'

/*
 * Child Node processes for the operational tools (the crash campaign, the bench): each is tracked from its spawn until
 * it is reaped, so that nothing outlives the tool, whether it ends normally, on an error or on a signal.
 */

const live = new Set<ChildProcess>()

/** SIGKILLs every child still running; synchronous, so it is safe in an exit handler. */
export function killAll (): void {
  for (const child of live) {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
  }
}

/** Waits (at most `ms`) until every child has been reaped, so that no pid outlives its tool. */
export async function reapAll (ms = 10_000): Promise<void> {
  for (const deadline = Date.now() + ms; live.size > 0 && Date.now() < deadline;) await sleep(20)
}

/** Whether a process id is still running (a zombie counts: it has not been reaped). */
export function isAlive (pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

export const sleep = async (ms: number): Promise<void> => { await new Promise(resolve => { setTimeout(resolve, ms) }) }

export interface Exit {
  code: number | null
  signal: NodeJS.Signals | null
}

export interface Child {
  pid: number
  base: string
  /** The last lines it wrote, for an error message. */
  output: () => string
  /** Whether it is still running. */
  running: () => boolean
  /** Sends `signal` (if still running) and resolves once the process is reaped. */
  kill: (signal: 'SIGKILL' | 'SIGTERM') => Promise<Exit>
  /** SIGTERM, then SIGKILL after `graceMs`; resolves once the process is reaped. */
  stop: (graceMs?: number) => Promise<Exit>
}

/**
 * Starts `node [nodeArgs] --import tsx <script>` from `cwd` with exactly `env` (plus PATH), on a free port passed as PORT, and
 * waits until GET `healthPath` answers 2xx (at most `startMs`). A minimal environment: nothing of the caller's
 * NODE_OPTIONS (a test runner's coverage hooks) follows the child.
 */
export async function startNode (
  opts: { cwd: string, script: string, env: Record<string, string>, healthPath: string, startMs: number, nodeArgs?: readonly string[] }): Promise<Child> {
  const port = await freePort()
  const child = spawn(process.execPath, [...(opts.nodeArgs ?? []), '--import', 'tsx', opts.script], {
    cwd: opts.cwd,
    env: { PATH: process.env.PATH ?? '', ...opts.env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe']
  })
  live.add(child)
  const exited: Promise<Exit> = once(child, 'exit').then(([code, signal]) => {
    live.delete(child)
    return { code: code as number | null, signal: signal as NodeJS.Signals | null }
  })
  const lines: string[] = []
  const keep = (chunk: Buffer): void => {
    lines.push(...chunk.toString('utf8').split('\n').filter(l => l !== ''))
    if (lines.length > 40) lines.splice(0, lines.length - 40)
  }
  child.stdout?.on('data', keep)
  child.stderr?.on('data', keep)
  const running = (): boolean => child.exitCode === null && child.signalCode === null
  const kill = async (signal: 'SIGKILL' | 'SIGTERM'): Promise<Exit> => {
    if (running()) child.kill(signal)
    return await exited
  }
  const stop = async (graceMs = 5000): Promise<Exit> => {
    if (!running()) return await exited
    child.kill('SIGTERM')
    const timer = setTimeout(() => { if (running()) child.kill('SIGKILL') }, graceMs)
    const exit = await exited
    clearTimeout(timer)
    return exit
  }
  const base = `http://127.0.0.1:${port}`
  const deadline = Date.now() + opts.startMs
  while (Date.now() < deadline && running()) {
    try {
      const r = await fetch(`${base}${opts.healthPath}`, { signal: AbortSignal.timeout(1000) })
      if (r.ok && child.pid !== undefined) return { pid: child.pid, base, output: () => lines.join('\n'), running, kill, stop }
    } catch {
      // not listening yet
    }
    await sleep(100)
  }
  await kill('SIGKILL')
  throw new Error(`${opts.script} did not answer ${opts.healthPath} within ${opts.startMs} ms (exit ${String(child.exitCode ?? child.signalCode)}):\n${lines.join('\n')}`)
}
