// Base64 decoding of whole blocks of 32 characters with AVX2, for the MIME parser.
//
// Schools send their scans base64-encoded, so decoding is the largest share of the CPU the
// intake spends on a message after TLS and SHA-256, and the scalar loop in Swift does four
// table look-ups per group of four characters. This is the vectorised decoder of Wojciech
// Muła and Daniel Lemire ("Faster Base64 Encoding and Decoding Using AVX2 Instructions",
// ACM Transactions on the Web 12(3), 2018) as Alfred Klomp's libbase64 (BSD-2-Clause) does
// it; Debian packages no such library. Around it, `thidua_base64_decode_lines` steps over
// the line breaks between whole groups; anything else — padding, garbage, a group split by a
// line break — stops it, and the Swift caller decodes that one character at a time.
#ifndef THIDUA_CBASE64_H
#define THIDUA_CBASE64_H

#include <stddef.h>
#include <stdint.h>

#if defined(__x86_64__)
#include <cpuid.h>
#include <immintrin.h>

/// Whether this CPU and the OS (saving the YMM registers) support AVX2.
static inline int thidua_cpu_has_avx2(void) {
    unsigned int eax, ebx, ecx, edx;
    if (!__get_cpuid(1, &eax, &ebx, &ecx, &edx) || !(ecx & bit_OSXSAVE) || !(ecx & bit_AVX)) return 0;
    unsigned int xcr0_low, xcr0_high;
    __asm__ volatile("xgetbv" : "=a"(xcr0_low), "=d"(xcr0_high) : "c"(0));
    (void)xcr0_high;
    if ((xcr0_low & 6) != 6) return 0;  // XMM and YMM state enabled by the OS
    if (!__get_cpuid_count(7, 0, &eax, &ebx, &ecx, &edx)) return 0;
    return (ebx & bit_AVX2) != 0;
}

/// Decodes blocks of 32 characters from `src` (`length` bytes) into `dst` (room for
/// `capacity` bytes) while a whole block is left, the output has room for a 32-byte store
/// (of which 24 bytes are kept) and the block holds only alphabet characters. Returns the
/// characters consumed; the bytes written are three quarters of that. Only to be called
/// when `thidua_cpu_has_avx2()`.
__attribute__((target("avx2")))
static inline size_t thidua_base64_decode_blocks(const uint8_t *src, size_t length, uint8_t *dst, size_t capacity) {
    // Per input byte, a bit for the low and one for the high nibble: a byte is valid
    // exactly when its two bits differ in every position (lo & hi == 0).
    const __m256i lut_lo = _mm256_setr_epi8(
        0x15, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x13, 0x1A, 0x1B, 0x1B, 0x1B, 0x1A,
        0x15, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x13, 0x1A, 0x1B, 0x1B, 0x1B, 0x1A);
    const __m256i lut_hi = _mm256_setr_epi8(
        0x10, 0x10, 0x01, 0x02, 0x04, 0x08, 0x04, 0x08, 0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x10,
        0x10, 0x10, 0x01, 0x02, 0x04, 0x08, 0x04, 0x08, 0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x10);
    // What to add to a character, by its high nibble ('/' apart), to get its 6-bit value.
    const __m256i lut_roll = _mm256_setr_epi8(
        0, 16, 19, 4, -65, -65, -71, -71, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 16, 19, 4, -65, -65, -71, -71, 0, 0, 0, 0, 0, 0, 0, 0);
    const __m256i mask_2F = _mm256_set1_epi8(0x2F);
    const __m256i pack_bytes = _mm256_setr_epi8(
        2, 1, 0, 6, 5, 4, 10, 9, 8, 14, 13, 12, -1, -1, -1, -1,
        2, 1, 0, 6, 5, 4, 10, 9, 8, 14, 13, 12, -1, -1, -1, -1);
    const __m256i pack_lanes = _mm256_setr_epi32(0, 1, 2, 4, 5, 6, -1, -1);
    size_t consumed = 0, produced = 0;
    while (length - consumed >= 32 && capacity - produced >= 32) {
        __m256i block = _mm256_loadu_si256((const __m256i *)(src + consumed));
        const __m256i hi_nibbles = _mm256_and_si256(_mm256_srli_epi32(block, 4), mask_2F);
        const __m256i lo_nibbles = _mm256_and_si256(block, mask_2F);
        const __m256i hi = _mm256_shuffle_epi8(lut_hi, hi_nibbles);
        const __m256i lo = _mm256_shuffle_epi8(lut_lo, lo_nibbles);
        if (!_mm256_testz_si256(lo, hi)) break;
        const __m256i eq_2F = _mm256_cmpeq_epi8(block, mask_2F);
        const __m256i roll = _mm256_shuffle_epi8(lut_roll, _mm256_add_epi8(eq_2F, hi_nibbles));
        block = _mm256_add_epi8(block, roll);
        // Four 6-bit values to three bytes: pairs into 12 bits, pairs of those into 24,
        // then the bytes of each lane packed and the two lanes joined.
        const __m256i pairs = _mm256_maddubs_epi16(block, _mm256_set1_epi32(0x01400140));
        __m256i out = _mm256_madd_epi16(pairs, _mm256_set1_epi32(0x00011000));
        out = _mm256_shuffle_epi8(out, pack_bytes);
        out = _mm256_permutevar8x32_epi32(out, pack_lanes);
        _mm256_storeu_si256((__m256i *)(dst + produced), out);
        consumed += 32;
        produced += 24;
    }
    return consumed;
}

/// Decodes whole lines of MIME base64 (RFC 2045: 76 characters, then CRLF): blocks of 32
/// characters, then groups of four, then the line break, and on to the next line, until
/// anything else — padding, garbage, a group that a line break splits, the end of the input
/// or of the room for a 4-byte store. Returns the characters consumed and sets `*produced`
/// to the bytes written, so the caller's character-at-a-time loop takes over where it
/// stopped. Per line this is what the caller did in three calls and a few table look-ups
/// each, some fifteen million times for a backlog of scans. `groups` is the caller's four
/// tables of 256 entries: a character's 6-bit value in place within a group of four, or
/// bit 24 set for one outside the alphabet. Only to be called when `thidua_cpu_has_avx2()`.
__attribute__((target("avx2")))
static inline size_t thidua_base64_decode_lines(const uint8_t *src, size_t length, uint8_t *dst, size_t capacity,
                                                const uint32_t *groups, size_t *produced) {
    const uint32_t *t0 = groups, *t1 = groups + 256, *t2 = groups + 512, *t3 = groups + 768;
    size_t consumed = 0, written = 0;
    for (;;) {
        size_t blocks = thidua_base64_decode_blocks(src + consumed, length - consumed, dst + written, capacity - written);
        consumed += blocks;
        written += blocks / 4 * 3;
        while (length - consumed >= 4 && capacity - written >= 4) {
            const uint8_t *group = src + consumed;
            uint32_t bits = t0[group[0]] | t1[group[1]] | t2[group[2]] | t3[group[3]];
            if (bits & (1u << 24)) break;
            // Three bytes kept of a 4-byte store; the fourth is overwritten next, or past the end.
            bits = __builtin_bswap32(bits << 8);
            __builtin_memcpy(dst + written, &bits, 4);
            consumed += 4;
            written += 3;
        }
        if (length - consumed >= 2 && src[consumed] == '\r' && src[consumed + 1] == '\n') {
            consumed += 2;
        } else if (length - consumed >= 1 && src[consumed] == '\n') {
            consumed += 1;
        } else {
            break;
        }
    }
    *produced = written;
    return consumed;
}

#else

static inline int thidua_cpu_has_avx2(void) { return 0; }

static inline size_t thidua_base64_decode_blocks(const uint8_t *src, size_t length, uint8_t *dst, size_t capacity) {
    (void)src; (void)length; (void)dst; (void)capacity;
    return 0;
}

static inline size_t thidua_base64_decode_lines(const uint8_t *src, size_t length, uint8_t *dst, size_t capacity,
                                                const uint32_t *groups, size_t *produced) {
    (void)src; (void)length; (void)dst; (void)capacity; (void)groups;
    *produced = 0;
    return 0;
}

#endif
#endif
