;; C = A Bᵀ for row-major f64 matrices in this module's memory, with 128-bit SIMD (f64x2):
;;   C[i·ldc + j] = Σ_p A[i·k + p] B[j·k + p],   A: rows × k, B: cols × k.
;; The same 2 × 4 register blocking as the JavaScript `gemmNT` (src/linalg/gemmNT.ts), with each of the
;; eight sums held as two lanes over even and odd p. JavaScript has no SIMD; this kernel is hand-written
;; because it is one loop nest and compiling a language to WebAssembly for it would add a toolchain.
;; Compiled to bytes by `npm run wasm` (scripts/write-wasm.ts) into gemmNTWasm.generated.ts.
;; Addresses are byte offsets into the exported memory.
(module
  (memory (export "memory") 1)

  ;; a[k−1]·b[k−1] when k is odd (the lane the SIMD loop leaves), else 0.
  (func $tail (param $a i32) (param $b i32) (param $k i32) (result f64)
    (if (result f64) (i32.and (local.get $k) (i32.const 1))
      (then (f64.mul
        (f64.load (i32.sub (i32.add (local.get $a) (i32.shl (local.get $k) (i32.const 3))) (i32.const 8)))
        (f64.load (i32.sub (i32.add (local.get $b) (i32.shl (local.get $k) (i32.const 3))) (i32.const 8)))))
      (else (f64.const 0))))

  ;; The sum of a vector's two lanes plus the odd-k tail of rows a and b.
  (func $finish (param $s v128) (param $a i32) (param $b i32) (param $k i32) (result f64)
    (f64.add
      (f64.add (f64x2.extract_lane 0 (local.get $s)) (f64x2.extract_lane 1 (local.get $s)))
      (call $tail (local.get $a) (local.get $b) (local.get $k))))

  ;; Dot product of the rows at a and b (length k).
  (func $dot (param $a i32) (param $b i32) (param $k i32) (result f64)
    (local $off i32) (local $end i32) (local $acc v128)
    (local.set $end (i32.shl (i32.and (local.get $k) (i32.const -2)) (i32.const 3)))
    (block $done (loop $next
      (br_if $done (i32.ge_u (local.get $off) (local.get $end)))
      (local.set $acc (f64x2.add (local.get $acc) (f64x2.mul
        (v128.load (i32.add (local.get $a) (local.get $off)))
        (v128.load (i32.add (local.get $b) (local.get $off))))))
      (local.set $off (i32.add (local.get $off) (i32.const 16)))
      (br $next)))
    (call $finish (local.get $acc) (local.get $a) (local.get $b) (local.get $k)))

  (func (export "gemmNT")
    (param $A i32) (param $B i32) (param $C i32) (param $rows i32) (param $cols i32) (param $k i32) (param $ldc i32)
    (local $i i32) (local $j i32) (local $off i32) (local $end i32) (local $rowBytes i32)
    (local $a0 i32) (local $a1 i32) (local $b0 i32) (local $b1 i32) (local $b2 i32) (local $b3 i32)
    (local $c0 i32) (local $c1 i32)
    (local $u v128) (local $v v128) (local $x0 v128) (local $x1 v128) (local $x2 v128) (local $x3 v128)
    (local $s0 v128) (local $s1 v128) (local $s2 v128) (local $s3 v128)
    (local $t0 v128) (local $t1 v128) (local $t2 v128) (local $t3 v128)
    (local.set $rowBytes (i32.shl (local.get $k) (i32.const 3)))
    (local.set $end (i32.shl (i32.and (local.get $k) (i32.const -2)) (i32.const 3)))
    ;; pairs of rows of A
    (block $rowsDone (loop $rowPair
      (br_if $rowsDone (i32.ge_s (i32.add (local.get $i) (i32.const 1)) (local.get $rows)))
      (local.set $a0 (i32.add (local.get $A) (i32.mul (local.get $i) (local.get $rowBytes))))
      (local.set $a1 (i32.add (local.get $a0) (local.get $rowBytes)))
      (local.set $c0 (i32.add (local.get $C) (i32.shl (i32.mul (local.get $i) (local.get $ldc)) (i32.const 3))))
      (local.set $c1 (i32.add (local.get $c0) (i32.shl (local.get $ldc) (i32.const 3))))
      (local.set $j (i32.const 0))
      ;; blocks of four rows of B
      (block $colsDone (loop $colQuad
        (br_if $colsDone (i32.ge_s (i32.add (local.get $j) (i32.const 3)) (local.get $cols)))
        (local.set $b0 (i32.add (local.get $B) (i32.mul (local.get $j) (local.get $rowBytes))))
        (local.set $b1 (i32.add (local.get $b0) (local.get $rowBytes)))
        (local.set $b2 (i32.add (local.get $b1) (local.get $rowBytes)))
        (local.set $b3 (i32.add (local.get $b2) (local.get $rowBytes)))
        (local.set $s0 (v128.const f64x2 0 0)) (local.set $s1 (v128.const f64x2 0 0))
        (local.set $s2 (v128.const f64x2 0 0)) (local.set $s3 (v128.const f64x2 0 0))
        (local.set $t0 (v128.const f64x2 0 0)) (local.set $t1 (v128.const f64x2 0 0))
        (local.set $t2 (v128.const f64x2 0 0)) (local.set $t3 (v128.const f64x2 0 0))
        (local.set $off (i32.const 0))
        (block $kDone (loop $kPair
          (br_if $kDone (i32.ge_u (local.get $off) (local.get $end)))
          (local.set $u (v128.load (i32.add (local.get $a0) (local.get $off))))
          (local.set $v (v128.load (i32.add (local.get $a1) (local.get $off))))
          (local.set $x0 (v128.load (i32.add (local.get $b0) (local.get $off))))
          (local.set $x1 (v128.load (i32.add (local.get $b1) (local.get $off))))
          (local.set $x2 (v128.load (i32.add (local.get $b2) (local.get $off))))
          (local.set $x3 (v128.load (i32.add (local.get $b3) (local.get $off))))
          (local.set $s0 (f64x2.add (local.get $s0) (f64x2.mul (local.get $u) (local.get $x0))))
          (local.set $s1 (f64x2.add (local.get $s1) (f64x2.mul (local.get $u) (local.get $x1))))
          (local.set $s2 (f64x2.add (local.get $s2) (f64x2.mul (local.get $u) (local.get $x2))))
          (local.set $s3 (f64x2.add (local.get $s3) (f64x2.mul (local.get $u) (local.get $x3))))
          (local.set $t0 (f64x2.add (local.get $t0) (f64x2.mul (local.get $v) (local.get $x0))))
          (local.set $t1 (f64x2.add (local.get $t1) (f64x2.mul (local.get $v) (local.get $x1))))
          (local.set $t2 (f64x2.add (local.get $t2) (f64x2.mul (local.get $v) (local.get $x2))))
          (local.set $t3 (f64x2.add (local.get $t3) (f64x2.mul (local.get $v) (local.get $x3))))
          (local.set $off (i32.add (local.get $off) (i32.const 16)))
          (br $kPair)))
        (local.set $off (i32.add (local.get $c0) (i32.shl (local.get $j) (i32.const 3))))
        (f64.store offset=0 (local.get $off) (call $finish (local.get $s0) (local.get $a0) (local.get $b0) (local.get $k)))
        (f64.store offset=8 (local.get $off) (call $finish (local.get $s1) (local.get $a0) (local.get $b1) (local.get $k)))
        (f64.store offset=16 (local.get $off) (call $finish (local.get $s2) (local.get $a0) (local.get $b2) (local.get $k)))
        (f64.store offset=24 (local.get $off) (call $finish (local.get $s3) (local.get $a0) (local.get $b3) (local.get $k)))
        (local.set $off (i32.add (local.get $c1) (i32.shl (local.get $j) (i32.const 3))))
        (f64.store offset=0 (local.get $off) (call $finish (local.get $t0) (local.get $a1) (local.get $b0) (local.get $k)))
        (f64.store offset=8 (local.get $off) (call $finish (local.get $t1) (local.get $a1) (local.get $b1) (local.get $k)))
        (f64.store offset=16 (local.get $off) (call $finish (local.get $t2) (local.get $a1) (local.get $b2) (local.get $k)))
        (f64.store offset=24 (local.get $off) (call $finish (local.get $t3) (local.get $a1) (local.get $b3) (local.get $k)))
        (local.set $j (i32.add (local.get $j) (i32.const 4)))
        (br $colQuad)))
      ;; the last cols mod 4 rows of B, against both rows of A
      (block $restDone (loop $rest
        (br_if $restDone (i32.ge_s (local.get $j) (local.get $cols)))
        (local.set $b0 (i32.add (local.get $B) (i32.mul (local.get $j) (local.get $rowBytes))))
        (f64.store (i32.add (local.get $c0) (i32.shl (local.get $j) (i32.const 3))) (call $dot (local.get $a0) (local.get $b0) (local.get $k)))
        (f64.store (i32.add (local.get $c1) (i32.shl (local.get $j) (i32.const 3))) (call $dot (local.get $a1) (local.get $b0) (local.get $k)))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br $rest)))
      (local.set $i (i32.add (local.get $i) (i32.const 2)))
      (br $rowPair)))
    ;; the last row of A when rows is odd
    (if (i32.lt_s (local.get $i) (local.get $rows)) (then
      (local.set $a0 (i32.add (local.get $A) (i32.mul (local.get $i) (local.get $rowBytes))))
      (local.set $c0 (i32.add (local.get $C) (i32.shl (i32.mul (local.get $i) (local.get $ldc)) (i32.const 3))))
      (local.set $j (i32.const 0))
      (block $lastDone (loop $last
        (br_if $lastDone (i32.ge_s (local.get $j) (local.get $cols)))
        (f64.store (i32.add (local.get $c0) (i32.shl (local.get $j) (i32.const 3)))
          (call $dot (local.get $a0) (i32.add (local.get $B) (i32.mul (local.get $j) (local.get $rowBytes))) (local.get $k)))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br $last))))))
)
