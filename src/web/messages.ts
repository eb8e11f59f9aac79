import type { ErrorCode } from '../domain/errors.js'

/** Every API refusal as a plain Indonesian sentence for the treasurer (exhaustive: a new code needs its sentence). */
export const SENTENCE: Record<ErrorCode, string> = {
  VALIDATION_FAILED: 'Ada isian yang belum benar. Periksa kolom yang ditandai.',
  MALFORMED_JSON: 'Permintaan tidak bisa dibaca. Coba kirim ulang.',
  UNAUTHORIZED: 'Sesi Anda sudah berakhir. Silakan masuk lagi.',
  READ_ONLY: 'Server ini hanya salinan untuk dibaca; catat transaksi di server utama.',
  FORBIDDEN: 'Kunci Anda hanya boleh melihat, tidak boleh mencatat.',
  GROUP_NOT_FOUND: 'Kelompok tidak ditemukan.',
  KEY_NOT_FOUND: 'Kunci tidak ditemukan.',
  PERSON_NOT_FOUND: 'Orang ini tidak ada di kelompok ini.',
  LOGIN_TAKEN: 'Nomor HP atau nama pengguna ini sudah dipakai orang lain.',
  WEBHOOK_NOT_FOUND: 'Langganan webhook itu tidak ada.',
  DELIVERY_NOT_FOUND: 'Pengiriman itu tidak ada.',
  WEBHOOK_URL_NOT_ALLOWED: 'Alamat itu tidak boleh dipakai: pakai alamat https di internet, bukan alamat lokal.',
  GATEWAY_NOT_FOUND: 'Kelompok ini belum memakai gateway pesan.',
  GATEWAY_URL_NOT_ALLOWED: 'Alamat gateway itu tidak boleh dipakai: pakai alamat https di internet, bukan alamat lokal.',
  MESSAGE_NOT_FOUND: 'Pesan itu tidak ada.',
  MESSAGE_NOT_FAILED: 'Hanya pesan yang gagal atau dilewati yang bisa dikirim ulang.',
  MONITOR_NOT_FOUND: 'Peringatan saldo itu tidak ada.',
  LINK_NOT_VALID: 'Tautan ini sudah dipakai, sudah diganti yang baru, atau sudah kedaluwarsa. Minta tautan baru.',
  UNKNOWN_GROUP: 'Kelompok tidak ditemukan.',
  MEMBER_NOT_FOUND: 'Anggota tidak ditemukan. Pilih anggota dari daftar.',
  ACCOUNT_NOT_FOUND: 'Akun tidak ditemukan.',
  ENTRY_NOT_FOUND: 'Transaksi tidak ditemukan.',
  ROUTE_NOT_FOUND: 'Halaman tidak ditemukan.',
  MEETING_NOT_FOUND: 'Rapat tidak ditemukan.',
  PUBLIC_PAGE_NOT_FOUND: 'Halaman publik kelompok ini belum dibuka oleh rapat.',
  LOAN_NOT_FOUND: 'Pinjaman tidak ditemukan.',
  ACCOUNT_CODE_TAKEN: 'Kode akun itu sudah dipakai.',
  ENTRY_ALREADY_REVERSED: 'Transaksi ini sudah dibatalkan sebelumnya.',
  IDEMPOTENCY_KEY_IN_USE: 'Isian yang sama sedang diproses. Tunggu sebentar lalu muat ulang halaman.',
  LOAN_NOT_ACTIVE: 'Pinjaman ini sudah lunas atau dihapusbukukan.',
  POKOK_ALREADY_PAID: 'Simpanan pokok anggota ini sudah dibayar; simpanan pokok hanya sekali.',
  PAYLOAD_TOO_LARGE: 'Isian terlalu panjang.',
  UNSUPPORTED_MEDIA_TYPE: 'Permintaan tidak bisa dibaca. Coba kirim ulang.',
  ENTRY_TOO_FEW_LINES: 'Transaksi perlu sedikitnya dua baris.',
  ENTRY_UNBALANCED: 'Debit dan kredit tidak sama.',
  ENTRY_TOO_LARGE: 'Transaksi terlalu besar.',
  UNKNOWN_ACCOUNT: 'Akun itu tidak ada di bagan akun.',
  UNKNOWN_FUND: 'Dana itu tidak dikenal. Pilih dana dari daftar.',
  ACCOUNT_NOT_ALLOWED: 'Akun itu tidak bisa dipakai di sini.',
  INSUFFICIENT_FUNDS: 'Uang kas tidak cukup pada tanggal itu.',
  INSUFFICIENT_SAVINGS: 'Simpanan sukarela anggota tidak cukup.',
  LOAN_TERMS_MISSING: 'Belum ada ketentuan pinjaman (jasa) yang disepakati rapat. Isi ketentuan pinjaman di rapat dulu.',
  LOAN_TERMS_INVALID: 'Ketentuan pinjaman tidak benar.',
  LOAN_OUT_OF_TURN: 'Anggota lain masih menunggu giliran pinjaman lebih dulu. Tulis alasan bila rapat setuju meminjamkan di luar giliran.',
  LOAN_OUTSIDE_TERMS: 'Pinjaman di luar ketentuan yang disepakati rapat (jumlah atau lama angsuran terlalu besar).',
  REPAYMENT_EXCEEDS_PAYOFF: 'Jumlah angsuran lebih besar dari seluruh sisa angsuran. Untuk melunasi lebih cepat (tanpa jasa bulan-bulan berikutnya), pakai Pelunasan.',
  PAYOFF_AMOUNT_MISMATCH: 'Jumlah pelunasan tidak sama dengan jumlah yang harus dibayar hari itu.',
  DATE_BEFORE_DISBURSEMENT: 'Tanggal itu sebelum pinjaman dicairkan.',
  DATE_BEFORE_REPAYMENT: 'Tanggal itu sebelum angsuran terakhir pinjaman ini (atau pembatalannya).',
  PERIOD_CLOSED: 'Buku sudah ditutup untuk tanggal itu. Catat di periode yang masih terbuka.',
  PERIOD_ALREADY_CLOSED: 'Buku sudah ditutup sampai tanggal itu.',
  REPAYMENT_OUT_OF_ORDER: 'Tanggal angsuran tidak boleh sebelum angsuran terakhir pinjaman ini.',
  DATE_IN_FUTURE: 'Tanggal tidak boleh setelah hari ini.',
  REVERSAL_BEFORE_ORIGINAL: 'Pembatalan tidak boleh bertanggal sebelum transaksinya.',
  IDEMPOTENCY_KEY_REUSED: 'Formulir ini sudah dikirim dengan isi lain. Muat ulang halaman lalu isi lagi.',
  TURNOVER_LIMIT: 'Jumlah itu terlalu besar untuk dibukukan.',
  ENTRY_BELONGS_TO_LOAN: 'Transaksi ini milik sebuah pinjaman. Koreksi angsuran dari halaman pinjamannya.',
  ENTRY_BELONGS_TO_SHU: 'Transaksi ini bagian dari pembagian SHU dan tidak bisa dibatalkan sendiri.',
  ENTRY_BELONGS_TO_PERIOD: 'Transaksi ini menutup buku suatu periode dan tidak bisa dibatalkan. Koreksi dicatat di periode berjalan.',
  ENTRY_IS_REVERSAL: 'Transaksi ini sudah merupakan pembalikan. Catat ulang transaksinya bila perlu.',
  ENTRY_BELONGS_TO_ARISAN: 'Transaksi ini bagian dari arisan dan tidak bisa dibatalkan sendiri.',
  ARISAN_NOT_FOUND: 'Arisan tidak ditemukan.',
  ARISAN_ACCOUNT_TAKEN: 'Kode akun 2150 sudah dipakai akun lain, jadi Titipan Arisan tidak bisa dibuat.',
  ARISAN_SLOTS_INVALID: 'Susunan nomor arisan tidak sah: tiap nomor dipegang satu atau dua anggota, tiap anggota paling banyak dua nomor.',
  ARISAN_ROUND_NOT_OPEN: 'Putaran itu belum dibuka atau arisan sudah selesai.',
  ARISAN_NOT_A_HOLDER: 'Anggota ini tidak memegang nomor arisan itu.',
  ARISAN_ALREADY_PAID: 'Setoran arisan anggota ini untuk putaran itu sudah dicatat.',
  ARISAN_WRONG_AMOUNT: 'Jumlah setoran arisan harus sama dengan iuran per putaran.',
  ARISAN_CYCLE_COMPLETE: 'Semua nomor sudah mendapat arisan: putaran sudah selesai.',
  ARISAN_ROUND_TAKEN: 'Putaran itu sudah diambil: setorannya tidak bisa dibatalkan.',
  CONTRIBUTION_NOT_FOUND: 'Setoran arisan tidak ditemukan.',
  ARISAN_POT_EMPTY: 'Belum ada setoran yang cukup untuk putaran ini.',
  MEMBER_REQUIRED: 'Baris pada akun simpanan atau SHU anggota harus menyebut anggotanya.',
  REPAYMENT_NOT_FOUND: 'Angsuran tidak ditemukan.',
  REPAYMENT_NOT_LATEST: 'Hanya angsuran terakhir yang bisa dibatalkan. Batalkan angsuran yang lebih baru dulu.',
  PERIOD_NOT_CLOSED: 'Buku periode itu belum ditutup. Tutup buku dulu sebelum membagi SHU.',
  SHU_PERCENT_NOT_100: 'Jumlah persentase pembagian SHU harus tepat 100 %.',
  SHU_DECISION_MISSING: 'Belum ada keputusan rapat tentang pembagian SHU.',
  SHU_NOT_POSITIVE: 'Periode itu tidak menghasilkan SHU untuk dibagi.',
  SHU_BASIS_EMPTY: 'Tidak ada anggota yang berhak atas bagian ini (misalnya belum ada simpanan atau jasa yang dibayar).',
  SHU_ALREADY_DISTRIBUTED: 'SHU periode itu sudah dibagikan.',
  SHU_NOTHING_OWED: 'Anggota ini tidak punya bagian SHU yang belum dibayar.',
  DATE_BEFORE_DISTRIBUTION: 'Tanggal itu sebelum SHU dibagikan.',
  RATE_LIMITED: 'Terlalu banyak permintaan. Tunggu satu menit lalu coba lagi.',
  INTERNAL: 'Terjadi kesalahan di server. Coba lagi; bila berulang, hubungi pengelola.'
}

/** An API field message (English, from the validator) said in Indonesian. */
export function fieldSentence (message: string): string {
  if (message.includes('whole number of rupiah')) return 'Isi jumlah rupiah tanpa sen, misalnya 2.500.000.'
  if (message === 'is required' || message === 'must not be blank') return 'Wajib diisi.'
  if (message.includes('calendar date')) return 'Isi tanggal yang benar.'
  if (message.includes('lone surrogate')) return 'Ada huruf yang tidak bisa disimpan.'
  if (message.startsWith('must NOT have more')) return 'Terlalu panjang.'
  if (message.startsWith('a login is')) return LOGIN_HINT
  return 'Isian ini belum benar.'
}

/** What a login may be, as the ketua and the person read it. */
export const LOGIN_HINT = 'Tulis nomor HP (8–15 angka) atau nama pengguna (huruf, angka, titik; mulai dengan huruf).'

export const AMOUNT_HINT = 'Isi jumlah rupiah, misalnya 2.500.000 atau 2500000.'
