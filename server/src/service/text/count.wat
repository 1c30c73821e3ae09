;; The byte counter of count.ts (measureBytes) as WebAssembly: both word counts of UTF-8
;; bytes in one pass, sixteen ASCII bytes a step (SIMD compares, then bit masks). A story
;; is nearly all ASCII; other characters are taken one at a time, and the few this cannot
;; take (astral ones, bytes that are not UTF-8) it hands back to JavaScript, which counts
;; them and calls again. It also finds the lines that may be furniture (heads).
;;
;; Compiled into countModule.ts by scripts/build-wasm.mjs (npm run build:wasm);
;; test/service/countWasm.test.ts holds the shipped bytes to this source and the counts to
;; the JavaScript counter.
;;
;; Memory (count.ts fills the table):
;;   [0, 0x40000)   an i32 per BMP code point, what it does to each count:
;;                    bit 0  a word character to wc          bit 8  wc reads past it
;;                    bit 16 a word character to AO3         bit 24 AO3 deletes it (`'`)
;;                    bit 28 AO3 counts it as a word alone
;;                  A character wc reads past, or AO3 deletes, leaves that count's state
;;                  as it was.
;;   [0x40000, 0x40080) for heads, a byte per ASCII byte: may a line that starts with it
;;                  (after spaces) be an author's note, a scene break or a heading: 0 no,
;;                  1 yes, 2 when the next byte says so in the pair table
;;   [0x40100, 0x44100) where heads writes the lines it finds, an i32 each
;;   [0x44100, 0x48100) the pair table: a byte per (first << 7 | next), both ASCII
;;   For characters from U+0080, heads asks JavaScript (startsLine) once per character
;;   and keeps the answer in the class table: bit 30 asked, bit 31 yes.
;;   [0x50000, ...) the bytes (from JavaScript, a window at a time)
;;
;; The state: the two counts, and $p: bit 0 set when the last character (that counted)
;; was a word character to wc, bit 16 to AO3. A word starts at a word character after one
;; that is not.

(module
  (import "lines" "startsLine" (func $startsLine (param i32) (result i32)))
  (memory (export "memory") 6)
  (global $ws (export "ws") (mut i32) (i32.const 0))
  (global $ao3 (export "ao3") (mut i32) (i32.const 0))
  (global $p (export "p") (mut i32) (i32.const 0))
  (global $next (export "next") (mut i32) (i32.const 0))

  ;; Counts the bytes [$i, $end) into the globals. Returns $end, or the position of a
  ;; character for JavaScript to take (the state saved first).
  (func (export "run") (param $i i32) (param $end i32) (result i32)
    (local $p i32) (local $ws i32) (local $ao3 i32) (local $acc i32)
    (local $stop i32) (local $b i32) (local $c1 i32) (local $c2 i32) (local $cp i32)
    (local $k i32) (local $keep i32)
    (local $v v128) (local $mw i32) (local $ma i32) (local $mt i32) (local $e i32) (local $pw i32) (local $pa i32)
    (local.set $p (global.get $p))
    (local.set $ws (global.get $ws))
    (local.set $ao3 (global.get $ao3))
    (block $out
      (loop $steps
        (br_if $out (i32.ge_u (local.get $i) (local.get $end)))
        (block $slow
        (block $tail
          ;; Sixteen bytes at once, as bit masks (bit j for byte j), up to the first that
          ;; needs more than its own class and the one before it ($f): a byte from 0x80, a
          ;; control character, the first of two deleted characters side by side (`--`
          ;; is a dash), a `-` last (the byte after it decides).
          (br_if $tail (i32.gt_u (i32.add (local.get $i) (i32.const 16)) (local.get $end)))
          (local.set $v (v128.load offset=0x50000 align=1 (local.get $i)))
          ;; wc: a word character is anything above the space.
          (local.set $mw (i8x16.bitmask (i8x16.gt_u (local.get $v) (v128.const i8x16 32 32 32 32 32 32 32 32 32 32 32 32 32 32 32 32))))
          ;; AO3: letters, digits and `_`; `'` and a lone `-` are deleted ($mt).
          (local.set $ma (i8x16.bitmask (v128.or (v128.or
            (v128.and
              (i8x16.ge_u (v128.or (local.get $v) (v128.const i8x16 32 32 32 32 32 32 32 32 32 32 32 32 32 32 32 32)) (v128.const i8x16 97 97 97 97 97 97 97 97 97 97 97 97 97 97 97 97))
              (i8x16.le_u (v128.or (local.get $v) (v128.const i8x16 32 32 32 32 32 32 32 32 32 32 32 32 32 32 32 32)) (v128.const i8x16 122 122 122 122 122 122 122 122 122 122 122 122 122 122 122 122)))
            (v128.and
              (i8x16.ge_u (local.get $v) (v128.const i8x16 48 48 48 48 48 48 48 48 48 48 48 48 48 48 48 48))
              (i8x16.le_u (local.get $v) (v128.const i8x16 57 57 57 57 57 57 57 57 57 57 57 57 57 57 57 57))))
            (i8x16.eq (local.get $v) (v128.const i8x16 95 95 95 95 95 95 95 95 95 95 95 95 95 95 95 95)))))
          (local.set $mt (i8x16.bitmask (v128.or
            (i8x16.eq (local.get $v) (v128.const i8x16 39 39 39 39 39 39 39 39 39 39 39 39 39 39 39 39))
            (i8x16.eq (local.get $v) (v128.const i8x16 45 45 45 45 45 45 45 45 45 45 45 45 45 45 45 45)))))
          (local.set $k (i32.or (i32.or
            (i8x16.bitmask (v128.or (v128.or
              (i8x16.lt_u (local.get $v) (v128.const i8x16 9 9 9 9 9 9 9 9 9 9 9 9 9 9 9 9))
              (v128.and (i8x16.gt_u (local.get $v) (v128.const i8x16 13 13 13 13 13 13 13 13 13 13 13 13 13 13 13 13))
                        (i8x16.lt_u (local.get $v) (v128.const i8x16 32 32 32 32 32 32 32 32 32 32 32 32 32 32 32 32))))
              ;; 127 and up: DEL, and (as signed bytes) everything from 0x80.
              (i8x16.ge_u (local.get $v) (v128.const i8x16 127 127 127 127 127 127 127 127 127 127 127 127 127 127 127 127))))
            (i32.and (local.get $mt) (i32.shr_u (local.get $mt) (i32.const 1))))
            (i32.and (local.get $mt) (i32.const 0x8000))))
          ;; $acc: the bytes taken here (the low $f bits).
          (local.set $b (select (i32.ctz (local.get $k)) (i32.const 16) (local.get $k)))
          (if (local.get $b)
            (then
              (local.set $acc (i32.sub (i32.shl (i32.const 1) (local.get $b)) (i32.const 1)))
              (local.set $pw (i32.and (local.get $p) (i32.const 1)))
              (local.set $pa (i32.shr_u (local.get $p) (i32.const 16)))
              ;; A word starts where a word character follows one that is not; to AO3 a
              ;; deleted character passes on the flag before it ($e: the flags as AO3
              ;; sees them, a deleted character taking its neighbour's).
              (local.set $ws (i32.add (local.get $ws) (i32.popcnt (i32.and (i32.and (local.get $mw) (local.get $acc))
                (i32.xor (i32.or (i32.shl (local.get $mw) (i32.const 1)) (local.get $pw)) (i32.const -1))))))
              (local.set $e (i32.or (local.get $ma)
                (i32.and (local.get $mt) (i32.or (i32.shl (local.get $ma) (i32.const 1)) (local.get $pa)))))
              (local.set $ao3 (i32.add (local.get $ao3) (i32.popcnt (i32.and (i32.and (local.get $ma) (local.get $acc))
                (i32.xor (i32.or (i32.shl (local.get $e) (i32.const 1)) (local.get $pa)) (i32.const -1))))))
              (local.set $c1 (i32.sub (local.get $b) (i32.const 1)))
              (local.set $p (i32.or (i32.and (i32.shr_u (local.get $mw) (local.get $c1)) (i32.const 1))
                (i32.shl (i32.and (i32.shr_u (local.get $e) (local.get $c1)) (i32.const 1)) (i32.const 16))))
              (local.set $i (i32.add (local.get $i) (local.get $b)))))
          (br_if $steps (i32.eq (local.get $b) (i32.const 16)))
          ;; Then the byte that stopped it, one character.
          (local.set $stop (i32.add (local.get $i) (i32.const 1)))
          (br $slow))
        ;; Fewer than sixteen bytes left: one character at a time to the end.
        (local.set $stop (local.get $end)))
        ;; One character at a time to $stop (the last may end past it).
        (loop $chars
          (block $counted
            (block $classify
              (local.set $b (i32.load8_u offset=0x50000 (local.get $i)))
              (if (i32.lt_u (local.get $b) (i32.const 0x80))
                (then
                  (local.set $cp (local.get $b))
                  (local.set $i (i32.add (local.get $i) (i32.const 1)))
                  (br_if $classify (i32.ne (local.get $b) (i32.const 0x2d)))
                  ;; `-`: part of a word to wc; to AO3 deleted, unless `--` (a separator).
                  (local.set $ws (i32.add (local.get $ws) (i32.and (i32.xor (local.get $p) (i32.const -1)) (i32.const 1))))
                  (local.set $p (i32.or (local.get $p) (i32.const 1)))
                  (br_if $counted (i32.ge_u (local.get $i) (local.get $end)))
                  (br_if $counted (i32.ne (i32.load8_u offset=0x50000 (local.get $i)) (i32.const 0x2d)))
                  (local.set $p (i32.and (local.get $p) (i32.const 0xffff)))
                  (local.set $i (i32.add (local.get $i) (i32.const 1)))
                  (br $counted)))
              ;; Two bytes: C2..DF, then 80..BF.
              (if (i32.and (i32.ge_u (local.get $b) (i32.const 0xc2)) (i32.le_u (local.get $b) (i32.const 0xdf)))
                (then
                  (br_if $out (i32.ge_u (i32.add (local.get $i) (i32.const 1)) (local.get $end)))
                  (local.set $c1 (i32.load8_u offset=0x50001 (local.get $i)))
                  (br_if $out (i32.ne (i32.and (local.get $c1) (i32.const 0xc0)) (i32.const 0x80)))
                  (local.set $cp (i32.or (i32.shl (i32.and (local.get $b) (i32.const 0x1f)) (i32.const 6))
                                         (i32.and (local.get $c1) (i32.const 0x3f))))
                  (local.set $i (i32.add (local.get $i) (i32.const 2)))
                  (br $classify)))
              ;; Three bytes: E0..EF, then 80..BF (A0..BF after E0, 80..9F after ED), then 80..BF.
              (br_if $out (i32.lt_u (local.get $b) (i32.const 0xe0)))
              (br_if $out (i32.gt_u (local.get $b) (i32.const 0xef)))
              (br_if $out (i32.ge_u (i32.add (local.get $i) (i32.const 2)) (local.get $end)))
              (local.set $c1 (i32.load8_u offset=0x50001 (local.get $i)))
              (local.set $c2 (i32.load8_u offset=0x50002 (local.get $i)))
              (br_if $out (i32.lt_u (local.get $c1) (select (i32.const 0xa0) (i32.const 0x80) (i32.eq (local.get $b) (i32.const 0xe0)))))
              (br_if $out (i32.gt_u (local.get $c1) (select (i32.const 0x9f) (i32.const 0xbf) (i32.eq (local.get $b) (i32.const 0xed)))))
              (br_if $out (i32.ne (i32.and (local.get $c2) (i32.const 0xc0)) (i32.const 0x80)))
              (local.set $cp (i32.or (i32.or
                (i32.shl (i32.and (local.get $b) (i32.const 0x0f)) (i32.const 12))
                (i32.shl (i32.and (local.get $c1) (i32.const 0x3f)) (i32.const 6)))
                (i32.and (local.get $c2) (i32.const 0x3f))))
              (local.set $i (i32.add (local.get $i) (i32.const 3))))
            ;; The character's classes into the state, as in the eight-byte step; a character
            ;; AO3 takes as a word alone adds one.
            (local.set $k (i32.load (i32.shl (local.get $cp) (i32.const 2))))
            (local.set $acc (i32.add
              (i32.and (i32.and (local.get $k) (i32.xor (local.get $p) (i32.const -1))) (i32.const 0x10001))
              (i32.and (i32.shr_u (local.get $k) (i32.const 12)) (i32.const 0x10000))))
            (local.set $ws (i32.add (local.get $ws) (i32.and (local.get $acc) (i32.const 0xffff))))
            (local.set $ao3 (i32.add (local.get $ao3) (i32.shr_u (local.get $acc) (i32.const 16))))
            (local.set $keep (i32.and (i32.shr_u (local.get $k) (i32.const 8)) (i32.const 0x10001)))
            (local.set $p (i32.or (i32.and (local.get $k) (i32.const 0x10001)) (i32.and (local.get $p) (local.get $keep)))))
          (br_if $chars (i32.lt_u (local.get $i) (local.get $stop))))
        (br $steps)))
    (global.set $p (local.get $p))
    (global.set $ws (local.get $ws))
    (global.set $ao3 (local.get $ao3))
    (local.get $i))

  ;; Whether a line whose first character after spaces is at $i (its first byte $b) may
  ;; be furniture. Yes when this cannot tell.
  (func $mayStart (param $b i32) (param $i i32) (param $end i32) (result i32)
    (local $f i32) (local $c1 i32) (local $c2 i32) (local $cp i32) (local $k i32)
    ;; A blank line.
    (if (i32.or (i32.eq (local.get $b) (i32.const 0x0a)) (i32.eq (local.get $b) (i32.const 0x0d)))
      (then (return (i32.const 0))))
    (if (i32.lt_u (local.get $b) (i32.const 0x80))
      (then
        (local.set $f (i32.load8_u offset=0x40000 (local.get $b)))
        (if (i32.ne (local.get $f) (i32.const 2)) (then (return (local.get $f))))
        (if (i32.ge_u (i32.add (local.get $i) (i32.const 1)) (local.get $end)) (then (return (i32.const 1))))
        (local.set $c1 (i32.load8_u offset=0x50001 (local.get $i)))
        (if (i32.ge_u (local.get $c1) (i32.const 0x80)) (then (return (i32.const 0))))
        (return (i32.load8_u offset=0x44100 (i32.or (i32.shl (local.get $b) (i32.const 7)) (local.get $c1))))))
    ;; Two or three bytes of UTF-8 (anything else: yes).
    (if (i32.and (i32.ge_u (local.get $b) (i32.const 0xc2)) (i32.le_u (local.get $b) (i32.const 0xdf)))
      (then
        (if (i32.ge_u (i32.add (local.get $i) (i32.const 1)) (local.get $end)) (then (return (i32.const 1))))
        (local.set $c1 (i32.load8_u offset=0x50001 (local.get $i)))
        (if (i32.ne (i32.and (local.get $c1) (i32.const 0xc0)) (i32.const 0x80)) (then (return (i32.const 1))))
        (local.set $cp (i32.or (i32.shl (i32.and (local.get $b) (i32.const 0x1f)) (i32.const 6))
                               (i32.and (local.get $c1) (i32.const 0x3f)))))
      (else
        (if (i32.or (i32.lt_u (local.get $b) (i32.const 0xe0)) (i32.gt_u (local.get $b) (i32.const 0xef))) (then (return (i32.const 1))))
        (if (i32.ge_u (i32.add (local.get $i) (i32.const 2)) (local.get $end)) (then (return (i32.const 1))))
        (local.set $c1 (i32.load8_u offset=0x50001 (local.get $i)))
        (local.set $c2 (i32.load8_u offset=0x50002 (local.get $i)))
        (if (i32.lt_u (local.get $c1) (select (i32.const 0xa0) (i32.const 0x80) (i32.eq (local.get $b) (i32.const 0xe0))))
          (then (return (i32.const 1))))
        (if (i32.gt_u (local.get $c1) (select (i32.const 0x9f) (i32.const 0xbf) (i32.eq (local.get $b) (i32.const 0xed))))
          (then (return (i32.const 1))))
        (if (i32.ne (i32.and (local.get $c2) (i32.const 0xc0)) (i32.const 0x80)) (then (return (i32.const 1))))
        (local.set $cp (i32.or (i32.or
          (i32.shl (i32.and (local.get $b) (i32.const 0x0f)) (i32.const 12))
          (i32.shl (i32.and (local.get $c1) (i32.const 0x3f)) (i32.const 6)))
          (i32.and (local.get $c2) (i32.const 0x3f))))))
    (local.set $k (i32.load (i32.shl (local.get $cp) (i32.const 2))))
    (if (i32.eqz (i32.and (local.get $k) (i32.const 0x40000000)))
      (then
        (local.set $k (i32.or (i32.or (local.get $k) (i32.const 0x40000000))
          (select (i32.const 0x80000000) (i32.const 0) (call $startsLine (local.get $cp)))))
        (i32.store (i32.shl (local.get $cp) (i32.const 2)) (local.get $k))))
    (i32.shr_u (local.get $k) (i32.const 31)))

  ;; The lines of the bytes [$i, $end) that may be furniture: those whose first character
  ;; after spaces may start it ($mayStart), or is past $end (this cannot see it).
  ;; Blank lines never are. $atStart: $i starts a line. Writes where each such line
  ;; starts, up to 4,096 of them, and returns how many; $next is where to go on from (a
  ;; line start), or $end.
  (func (export "heads") (param $i i32) (param $end i32) (param $atStart i32) (result i32)
    (local $n i32) (local $s i32) (local $b i32) (local $v v128)
    (local.set $s (local.get $i))
    (block $done
      (loop $lines
        (block $seek
          (br_if $seek (i32.eqz (local.get $atStart)))
          ;; At the start of a line ($s).
          (if (i32.eq (local.get $n) (i32.const 4096))
            (then (global.set $next (local.get $s)) (return (local.get $n))))
          (block $first
            (loop $spaces
              (br_if $first (i32.ge_u (local.get $i) (local.get $end)))
              (local.set $b (i32.load8_u offset=0x50000 (local.get $i)))
              (br_if $first (i32.eqz (i32.or
                (i32.eq (local.get $b) (i32.const 0x20))
                (i32.and (i32.ge_u (local.get $b) (i32.const 0x09)) (i32.le_u (local.get $b) (i32.const 0x0c))))))
              (br_if $first (i32.eq (local.get $b) (i32.const 0x0a)))
              (local.set $i (i32.add (local.get $i) (i32.const 1)))
              (br $spaces)))
          (if (i32.ge_u (local.get $i) (local.get $end))
            (then
              (i32.store offset=0x40100 (i32.shl (local.get $n) (i32.const 2)) (local.get $s))
              (local.set $n (i32.add (local.get $n) (i32.const 1)))
              (br $done)))
          (if (call $mayStart (local.get $b) (local.get $i) (local.get $end))
            (then
              (i32.store offset=0x40100 (i32.shl (local.get $n) (i32.const 2)) (local.get $s))
              (local.set $n (i32.add (local.get $n) (i32.const 1))))))
        ;; To the next line break: sixteen bytes at a time while none of them is \n or \r.
        (block $found
          (loop $sixteens
            (br_if $found (i32.gt_u (i32.add (local.get $i) (i32.const 16)) (local.get $end)))
            (local.set $v (v128.load offset=0x50000 align=1 (local.get $i)))
            (br_if $found (v128.any_true (v128.or
              (i8x16.eq (local.get $v) (v128.const i8x16 10 10 10 10 10 10 10 10 10 10 10 10 10 10 10 10))
              (i8x16.eq (local.get $v) (v128.const i8x16 13 13 13 13 13 13 13 13 13 13 13 13 13 13 13 13)))))
            (local.set $i (i32.add (local.get $i) (i32.const 16)))
            (br $sixteens)))
        (block $break
          (loop $bytes
            (br_if $done (i32.ge_u (local.get $i) (local.get $end)))
            (local.set $b (i32.load8_u offset=0x50000 (local.get $i)))
            (br_if $break (i32.or (i32.eq (local.get $b) (i32.const 0x0a)) (i32.eq (local.get $b) (i32.const 0x0d))))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br $bytes)))
        ;; After \r or \n (\r\n makes an empty line between them: blank, never listed).
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (local.set $s (local.get $i))
        (local.set $atStart (i32.const 1))
        (br_if $lines (i32.lt_u (local.get $i) (local.get $end)))))
    (global.set $next (local.get $end))
    (local.get $n))
)
