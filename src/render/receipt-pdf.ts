import PDFDocument from 'pdfkit'
import QRCode from 'qrcode'
import { keyFingerprint, type SignedCheckpoint } from '../domain/ledger/checkpoint.js'
import { formatNumber } from '../domain/money.js'
import { formatDate } from './format.js'
import { FONT } from './pdf.js'


/** What a printed receipt shows: the entry as the receipt page does, and the link its QR code opens. */
export interface ReceiptDoc {
  groupName: string
  description: string
  date: string
  recordedBy: string
  lines: Array<{ account: string, member: string | null, debit: bigint, credit: bigint }>
  seq: number
  hash: string
  checkpoint: SignedCheckpoint
  url: string
  corrected: boolean
}

const MARGIN = 32
const GREY = '#555555'

/**
 * A receipt a member can print or keep as a file: A6 portrait, the entry, its place in the hash chain, the signed
 * checkpoint, and a QR code of its link (drawn as squares from the qrcode library's matrix, so it is vector and
 * sharp at any size). `printedAt` is its only time, so the same receipt printed at the same instant gives the same bytes.
 */
export async function renderReceiptPdf (r: ReceiptDoc, printedAt: Date): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A6', margin: MARGIN, font: FONT.regular, lang: 'id-ID', displayTitle: true,
    info: { Title: `Kuitansi · ${r.groupName}`, Author: 'Lumbung', Creator: 'Lumbung', Producer: 'Lumbung', CreationDate: printedAt, ModDate: printedAt }
  })
  const chunks: Buffer[] = []
  doc.on('data', (chunk: Buffer) => chunks.push(chunk))
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => { resolve(Buffer.concat(chunks)) })
    doc.on('error', reject)
  })
  const width = doc.page.width - 2 * MARGIN
  doc.font(FONT.bold).fontSize(12).text('Kuitansi', { width })
  doc.font(FONT.regular).fontSize(8).fillColor(GREY).text(r.groupName, { width }).fillColor('black').moveDown(0.6)
  doc.font(FONT.bold).fontSize(9).text(r.description, { width })
  doc.font(FONT.regular).fontSize(8).text(`Tanggal ${formatDate(r.date, 'id')} · dicatat oleh ${r.recordedBy}`, { width }).moveDown(0.4)
  for (const l of r.lines) {
    const y = doc.y
    doc.fontSize(7.5).text(`${l.account}${l.member === null ? '' : ` · ${l.member}`}`, MARGIN, y, { width: width - 70 })
    const after = doc.y
    doc.text(l.debit > 0n ? `D Rp ${formatNumber(l.debit)}` : `K Rp ${formatNumber(l.credit)}`, MARGIN + width - 70, y, { width: 70, align: 'right' })
    doc.y = Math.max(after, doc.y)
  }
  if (r.corrected) doc.moveDown(0.3).font(FONT.bold).text('Transaksi ini sudah dikoreksi (dijurnal balik).', MARGIN, doc.y, { width }).font(FONT.regular)
  doc.moveDown(0.6).fontSize(7).fillColor(GREY)
  doc.text(`Nomor urut di jurnal: ${r.seq}`, MARGIN, doc.y, { width })
  doc.text(`Hash: ${r.hash}`, { width })
  const c = r.checkpoint.checkpoint
  doc.text(`Checkpoint: buku sampai entri ${c.seq}, hash ${c.hash}, ditandatangani kunci ${keyFingerprint(r.checkpoint.key)}`, { width })
  doc.fillColor('black').moveDown(0.6)
  const qr = QRCode.create(r.url, { errorCorrectionLevel: 'M' })
  const size = qr.modules.size
  const side = 96
  const cell = side / (size + 8)
  const x0 = MARGIN + (width - side) / 2
  const y0 = doc.y
  for (let row = 0; row < size; row++) {
    for (let col = 0; col < size; col++) {
      if (qr.modules.get(row, col) === 1) doc.rect(x0 + (col + 4) * cell, y0 + (row + 4) * cell, cell, cell)
    }
  }
  doc.fill('black')
  doc.fontSize(6).fillColor(GREY).text(r.url, MARGIN, y0 + side + 2, { width, align: 'center' })
  doc.text(`Dicetak ${formatDate(printedAt.toISOString().slice(0, 10), 'id')}. Pindai kode ini untuk membuka kuitansi dan memeriksanya.`, { width, align: 'center' })
  doc.end()
  return await done
}
