import { readFileSync } from 'node:fs'
export { freePort } from '../lib/ports.js'
export { killAll, sleep, startNode, type Child } from '../lib/children.js'

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
