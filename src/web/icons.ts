import { crc32, deflateSync } from 'node:zlib'

interface Box { x: number, y: number, w: number, h: number }

/**
 * The brand mark of the header's `.logo` on a 512 grid, exactly as src/web/assets/icon.svg draws it: a rounded square
 * in the logo's amber (`--accent`) with a white L of two bars. The L's corners are at most 157 units from the centre,
 * inside the maskable safe zone (a circle of radius 40 %, 204.8 units), so the full-bleed variant may be cropped to any
 * shape Android chooses.
 */
export const MARK = {
  grid: 512,
  radius: 128,
  background: [0xb7, 0x79, 0x1f] as const,
  bars: [{ x: 166, y: 128, w: 68, h: 256 }, { x: 166, y: 316, w: 180, h: 68 }] as readonly Box[]
}

const inBox = (b: Box, x: number, y: number): boolean => x >= b.x && x < b.x + b.w && y >= b.y && y < b.y + b.h

function inL (x: number, y: number): boolean {
  for (const b of MARK.bars) if (inBox(b, x, y)) return true
  return false
}

/** Whether a point of the grid is inside the square, its corners rounded by `r` (0: a full-bleed square). */
function inSquare (x: number, y: number, r: number): boolean {
  const g = MARK.grid
  const dx = x < r ? r - x : x > g - r ? x - (g - r) : 0
  const dy = y < r ? r - y : y > g - r ? y - (g - r) : 0
  return dx * dx + dy * dy <= r * r
}

/** How many of a pixel's 4 × 4 samples fall in the square and how many of those on the L (`x`, `y`: its corner on the grid). */
function samples (x: number, y: number, scale: number, r: number): [number, number] {
  let fill = 0
  let white = 0
  for (let sy = 0.125; sy < 1; sy += 0.25) {
    for (let sx = 0.125; sx < 1; sx += 0.25) {
      if (!inSquare(x + sx * scale, y + sy * scale, r)) continue
      fill++
      if (inL(x + sx * scale, y + sy * scale)) white++
    }
  }
  return [fill, white]
}

/** The same count without sampling when the pixel lies wholly inside the square and wholly on or off the L, else null. */
function uniform (x: number, y: number, scale: number, r: number): [number, number] | null {
  const [x1, y1] = [x + scale, y + scale]
  if (!(inSquare(x, y, r) && inSquare(x1, y, r) && inSquare(x, y1, r) && inSquare(x1, y1, r))) return null // the square is convex
  if (MARK.bars.some(b => x >= b.x && x1 <= b.x + b.w && y >= b.y && y1 <= b.y + b.h)) return [16, 16]
  if (MARK.bars.every(b => x1 <= b.x || x >= b.x + b.w || y1 <= b.y || y >= b.y + b.h)) return [16, 0]
  return null
}

/**
 * The mark as RGBA pixels, `size` × `size`, each pixel on an edge sampled 4 × 4 times for smooth edges. `fullBleed`
 * fills the whole square (the maskable icon, whose corners the launcher cuts); otherwise the corners are transparent.
 */
export function markPixels (size: number, fullBleed = false): Buffer {
  const scale = MARK.grid / size
  const r = fullBleed ? 0 : MARK.radius
  const [br, bg, bb] = MARK.background
  const out = Buffer.alloc(size * size * 4)
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      const [fill, white] = uniform(px * scale, py * scale, scale, r) ?? samples(px * scale, py * scale, scale, r)
      if (fill === 0) continue
      const w = white / fill
      const i = (py * size + px) * 4
      out[i] = Math.round(br + (255 - br) * w)
      out[i + 1] = Math.round(bg + (255 - bg) * w)
      out[i + 2] = Math.round(bb + (255 - bb) * w)
      out[i + 3] = Math.round(255 * fill / 16)
    }
  }
  return out
}

function chunk (type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8)
  head.writeUInt32BE(data.length, 0)
  head.write(type, 4, 'latin1')
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(data, crc32(head.subarray(4))) >>> 0, 0)
  return Buffer.concat([head, data, crc])
}

/** A PNG of 8-bit RGBA pixels (colour type 6, no interlace, filter 0 on every row). */
export function encodePng (width: number, height: number, rgba: Buffer): Buffer {
  if (rgba.length !== width * height * 4) throw new Error(`expected ${width * height * 4} bytes of RGBA, got ${rgba.length}`)
  const ihdr = Buffer.alloc(13)
  ihdr.writeUInt32BE(width, 0)
  ihdr.writeUInt32BE(height, 4)
  ihdr.set([8, 6, 0, 0, 0], 8)
  const rows = Buffer.alloc(height * (width * 4 + 1))
  for (let y = 0; y < height; y++) rgba.copy(rows, y * (width * 4 + 1) + 1, y * width * 4, (y + 1) * width * 4)
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
  return Buffer.concat([signature, chunk('IHDR', ihdr), chunk('IDAT', deflateSync(rows, { level: 9 })), chunk('IEND', Buffer.alloc(0))])
}

/** The mark as a PNG of `size` pixels square. */
export function iconPng (size: number, fullBleed = false): Buffer {
  return encodePng(size, size, markPixels(size, fullBleed))
}
