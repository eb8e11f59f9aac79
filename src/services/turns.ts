/**
 * A job that runs inside the service in turns (webhook deliveries, messages to phones): `tick()` runs one turn (a tick
 * while one runs waits for it, so two never overlap); `start()` turns until `stop()`, again at once when a turn says
 * there is more to do (a backlog), else after the interval. A turn that throws is logged and the next one comes.
 */
export abstract class Turns {
  private timer: NodeJS.Timeout | null = null
  private started = false
  private running: Promise<number> | null = null

  /** One turn; what it made (attempts, sends). */
  protected abstract turn (): Promise<number>
  /** Whether a turn that made `made` left more to do at once. */
  protected backlog (_made: number): boolean { return false }
  /** Called once stopped, after the last turn. */
  protected close (): void {}
  protected failed (_err: unknown): void {}

  start (intervalMs = 1000): void {
    if (this.started) return
    this.started = true
    const loop = (): void => {
      if (!this.started) return
      void this.tick().catch((err: unknown) => { this.failed(err); return 0 }).then(made => {
        if (!this.started) return
        this.timer = setTimeout(loop, this.backlog(made) ? 0 : intervalMs)
        this.timer.unref()
      })
    }
    loop()
  }

  async stop (): Promise<void> {
    this.started = false
    if (this.timer !== null) clearTimeout(this.timer)
    this.timer = null
    await this.running
    this.close()
  }

  async tick (): Promise<number> {
    if (this.running !== null) return await this.running
    this.running = this.turn().finally(() => { this.running = null })
    return await this.running
  }
}
