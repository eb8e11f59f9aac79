import { readFileSync } from 'node:fs'
import { availableParallelism, loadavg, release } from 'node:os'

export interface Machine {
  cpu: string
  cores: number
  memoryGiB: number
  node: string
  kernel: string
  /** 1-minute load average when the bench started and when it ended: other work on the machine skews every figure. */
  loadAtStart: number
  loadAtEnd: number | null
  /** Share of the CPU time other processes used during one second before the bench began (from /proc/stat). */
  busyBefore: number
}

function cpuTimes (): { idle: number, total: number } {
  const fields = (/^cpu\s+(.+)$/m.exec(readFileSync('/proc/stat', 'utf8'))?.[1] ?? '').trim().split(/\s+/).map(Number)
  // user nice system idle iowait irq softirq steal …: idle and iowait are the idle ones.
  return { idle: (fields[3] ?? 0) + (fields[4] ?? 0), total: fields.slice(0, 8).reduce((s, x) => s + x, 0) }
}

/** The share of all cores busy during `ms` milliseconds. */
async function busy (ms: number): Promise<number> {
  const a = cpuTimes()
  await new Promise(resolve => { setTimeout(resolve, ms) })
  const b = cpuTimes()
  const total = b.total - a.total
  return total > 0 ? 1 - (b.idle - a.idle) / total : 0
}

/** The machine from /proc (Linux): CPU model, cores, memory, how busy it is now; and the Node version. */
export async function machine (): Promise<Machine> {
  const cpuinfo = readFileSync('/proc/cpuinfo', 'utf8')
  const meminfo = readFileSync('/proc/meminfo', 'utf8')
  const model = /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1]?.trim() ?? 'unknown'
  const processors = cpuinfo.split('\n').filter(l => l.startsWith('processor')).length
  const memKiB = Number(/^MemTotal:\s+(\d+) kB/m.exec(meminfo)?.[1] ?? 0)
  return {
    cpu: model,
    cores: processors > 0 ? processors : availableParallelism(),
    memoryGiB: memKiB / 1024 / 1024,
    node: process.version,
    kernel: release(),
    loadAtStart: loadavg()[0] ?? 0,
    loadAtEnd: null,
    busyBefore: await busy(1000)
  }
}

export function currentLoad (): number {
  return loadavg()[0] ?? 0
}
