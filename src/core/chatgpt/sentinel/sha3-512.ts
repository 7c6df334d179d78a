/**
 * SHA3-512 (FIPS 202: Keccak-f[1600], rate 72 bytes, domain bits 0x06), written for the PoW
 * solver: absorb the constant prefix once, then `copyInto` a scratch hasher and finish each try
 * from there. Our own because the library we used cost the service worker ~3 KB gzip for this.
 *
 * The state is 25 64-bit lanes held as 50 little-endian 32-bit halves (lane i = s[2i] low,
 * s[2i + 1] high), so rate byte k lives in word k >> 2 whatever the platform's byte order.
 * Plain 32-bit integer ops: BigInt lanes would be many times slower.
 */

// Round tables, derived as FIPS 202 §3.2 defines them rather than typed in.
/** ρ rotation of each step of the π walk (which visits every lane but lane 0 once). */
const ROT = new Int32Array(24)
/** π target lane of each step, as a word index (2 × lane). */
const PI = new Int32Array(24)
/** ι round constants as [low, high] word pairs. */
const RC = new Int32Array(48)
for (let t = 0, x = 1, y = 0, r = 1; t < 24; t++) {
  ROT[t] = (((t + 1) * (t + 2)) / 2) % 64
  const next = (2 * x + 3 * y) % 5
  x = y
  y = next
  PI[t] = 2 * (x + 5 * y)
  // The rc(t) LFSR (x^8 + x^6 + x^5 + x^4 + 1) sets bit 2^j - 1 of the constant.
  for (let j = 0; j < 7; j++) {
    if (r & 1) RC[2 * t + (j > 5 ? 1 : 0)]! |= 1 << ((1 << j) - 1)
    r = ((r << 1) ^ (r & 0x80 ? 0x71 : 0)) & 0xff
  }
}

/** Keccak-f[1600], all 24 rounds, in place. */
function permute(s: Int32Array): void {
  // θ's column parities live in locals (locals, not a scratch array, are what make this as fast
  // as it is): the first round's are summed here, every later round's while χ writes the lanes.
  let c0 = 0, c1 = 0, c2 = 0, c3 = 0, c4 = 0, c5 = 0, c6 = 0, c7 = 0, c8 = 0, c9 = 0
  for (let y = 0; y < 50; y += 10) {
    c0 ^= s[y]!; c1 ^= s[y + 1]!; c2 ^= s[y + 2]!; c3 ^= s[y + 3]!; c4 ^= s[y + 4]!
    c5 ^= s[y + 5]!; c6 ^= s[y + 6]!; c7 ^= s[y + 7]!; c8 ^= s[y + 8]!; c9 ^= s[y + 9]!
  }
  for (let round = 0; round < 48; round += 2) {
    // θ: d[x] = c[x - 1] ^ rotl1(c[x + 1]), xored into every lane of column x.
    const d0 = c8 ^ ((c2 << 1) | (c3 >>> 31)), d1 = c9 ^ ((c3 << 1) | (c2 >>> 31))
    const d2 = c0 ^ ((c4 << 1) | (c5 >>> 31)), d3 = c1 ^ ((c5 << 1) | (c4 >>> 31))
    const d4 = c2 ^ ((c6 << 1) | (c7 >>> 31)), d5 = c3 ^ ((c7 << 1) | (c6 >>> 31))
    const d6 = c4 ^ ((c8 << 1) | (c9 >>> 31)), d7 = c5 ^ ((c9 << 1) | (c8 >>> 31))
    const d8 = c6 ^ ((c0 << 1) | (c1 >>> 31)), d9 = c7 ^ ((c1 << 1) | (c0 >>> 31))
    for (let y = 0; y < 50; y += 10) {
      s[y]! ^= d0; s[y + 1]! ^= d1; s[y + 2]! ^= d2; s[y + 3]! ^= d3; s[y + 4]! ^= d4
      s[y + 5]! ^= d5; s[y + 6]! ^= d6; s[y + 7]! ^= d7; s[y + 8]! ^= d8; s[y + 9]! ^= d9
    }
    // ρ and π together: carry each lane, rotated, to its π position. Rotations are never 0 or
    // 32; above 32 the halves swap (JS masks shift counts to 5 bits, which does the rest).
    let lo = s[2]!
    let hi = s[3]!
    for (let t = 0; t < 24; t++) {
      const j = PI[t]!
      const n = ROT[t]!
      const a = n < 32 ? lo : hi
      const b = n < 32 ? hi : lo
      lo = s[j]!
      hi = s[j + 1]!
      s[j] = (a << n) | (b >>> (32 - n))
      s[j + 1] = (b << n) | (a >>> (32 - n))
    }
    // χ, row by row: a[x] ^= ~a[x + 1] & a[x + 2], summing the next round's parities; then ι.
    c0 = c1 = c2 = c3 = c4 = c5 = c6 = c7 = c8 = c9 = 0
    for (let y = 0; y < 50; y += 10) {
      const a0 = s[y]!, a1 = s[y + 1]!, a2 = s[y + 2]!, a3 = s[y + 3]!, a4 = s[y + 4]!
      const a5 = s[y + 5]!, a6 = s[y + 6]!, a7 = s[y + 7]!, a8 = s[y + 8]!, a9 = s[y + 9]!
      c0 ^= s[y] = a0 ^ (~a2 & a4)
      c1 ^= s[y + 1] = a1 ^ (~a3 & a5)
      c2 ^= s[y + 2] = a2 ^ (~a4 & a6)
      c3 ^= s[y + 3] = a3 ^ (~a5 & a7)
      c4 ^= s[y + 4] = a4 ^ (~a6 & a8)
      c5 ^= s[y + 5] = a5 ^ (~a7 & a9)
      c6 ^= s[y + 6] = a6 ^ (~a8 & a0)
      c7 ^= s[y + 7] = a7 ^ (~a9 & a1)
      c8 ^= s[y + 8] = a8 ^ (~a0 & a2)
      c9 ^= s[y + 9] = a9 ^ (~a1 & a3)
    }
    s[0]! ^= RC[round]!
    s[1]! ^= RC[round + 1]!
    c0 ^= RC[round]!
    c1 ^= RC[round + 1]!
  }
}

const RATE = 72

/** An incremental SHA3-512. `digestInto` finishes it; `copyInto` first to keep a resumable copy. */
export class Sha3_512 {
  private readonly s = new Int32Array(50)
  /** Bytes absorbed into the current block. */
  private pos = 0
  /** Set by `digestInto`: a finished sponge cannot absorb or squeeze again. */
  private done = false

  update(data: Uint8Array): this {
    if (this.done) throw new Error('sha3: digested')
    const s = this.s
    let pos = this.pos
    const length = data.length
    for (let i = 0; i < length; i++) {
      s[pos >> 2]! ^= data[i]! << ((pos & 3) << 3)
      if (++pos === RATE) {
        permute(s)
        pos = 0
      }
    }
    this.pos = pos
    return this
  }

  /** Makes `target` (or a new hasher) an exact copy of this one; the two then run independently. */
  copyInto(target: Sha3_512 = new Sha3_512()): Sha3_512 {
    target.s.set(this.s)
    target.pos = this.pos
    target.done = this.done
    return target
  }

  /** Pads, finishes and writes the 64-byte digest to `out[0, 64)`. The hasher is spent afterwards. */
  digestInto(out: Uint8Array): void {
    if (this.done || out.length < 64) throw new Error('sha3: digested, or out < 64 bytes')
    this.done = true
    const s = this.s
    s[this.pos >> 2]! ^= 0x06 << ((this.pos & 3) << 3)
    s[(RATE >> 2) - 1]! ^= 0x80 << 24
    permute(s)
    for (let i = 0; i < 64; i++) out[i] = s[i >> 2]! >>> ((i & 3) << 3)
  }
}
