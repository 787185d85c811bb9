#!/usr/bin/env python3
"""Writes numpy's str() and repr() of many arrays, for NumpyPrinterGoldenTest.

Golden file (committed; CI never runs numpy):
    python3 make_golden.py                 # rewrites golden.txt beside this script

Differential fuzz (run by hand, see README.md):
    python3 make_golden.py --fuzz 20000 --seed 1 --out /tmp/print-fuzz.txt

File format, one block per case, every line ending in a single '\n':
    case <name>
    dtype <float32|float64|int32|int64|bool>
    shape <comma-separated dims; empty for 0-d>
    data hex <raw little-endian element bytes as hex>   (or: data arange)
    str <n>         followed by exactly n lines: numpy's str(a)
    repr <n>        followed by exactly n lines: numpy's repr(a)
    end
"data arange" means element i equals i (cast to the dtype); it keeps huge arrays small.
"""
import argparse
import os
import sys

import numpy as np

DTYPES = ["float32", "float64", "int32", "int64", "bool"]


def block(name, a, arange=False):
    a = np.asarray(a)
    assert a.dtype.name in DTYPES, a.dtype
    lines = [f"case {name}", f"dtype {a.dtype.name}",
             "shape " + ",".join(str(d) for d in a.shape)]
    if arange:
        assert np.array_equal(a.reshape(-1), np.arange(a.size).astype(a.dtype))
        lines.append("data arange")
    else:
        lines.append("data hex " + np.ascontiguousarray(a).astype(a.dtype.newbyteorder("<"))
                     .tobytes().hex())
    for kind, text in (("str", str(a)), ("repr", repr(a))):
        parts = text.split("\n")
        lines.append(f"{kind} {len(parts)}")
        lines.extend(parts)
    lines.append("end")
    return "\n".join(lines) + "\n"


def article_cases():
    """The two printouts of the article the project started from (float32)."""
    out3d = [[[0.92146313, 0.6069534, 0.24989243, 0.9305415],
              [0.9234855, 0.8470011, 0.7865616, 0.99935764]],
             [[0.9772771, 0.9713368, 0.99483156, 0.9999987],
              [0.9753329, 0.99538314, 0.9988139, 1.]],
             [[0.9901842, 0.99558043, 0.9998626, 1.],
              [0.989398, 0.9992842, 0.9999691, 1.]],
             [[0.99577546, 0.9993256, 0.99999636, 1.],
              [0.9954579, 0.9998903, 0.99999917, 1.]]]
    state = [[-0.71645427, -0.0585744, 0.95318353, 0.8424729],
             [-0.99845, -0.5044571, 0.9955299, 0.9750488],
             [-0.99992913, -0.8408632, 0.99885863, 0.9932366],
             [-0.99999577, -0.9672, 0.9996866, 0.99814796]]
    return [("article_outputs_4x2x4", np.array(out3d, np.float32)),
            ("article_state_4x4", np.array(state, np.float32))]


def golden_cases():
    rng = np.random.default_rng(20240611)
    f32, f64 = np.float32, np.float64
    c = article_cases()
    add = lambda name, a: c.append((name, np.asarray(a)))
    # 0-d of every dtype, including the scalar str cutoffs (1e16, float32 1e6, 1e-4)
    for dt in ("float32", "float64"):
        for v in (0.5, 1.0, -0.0, 0.0, 1e-4, 3e-5, 1e6, 999999.9, 1e15, 1e16, 1e20,
                  123456789.0, 0.1, 1 / 3, np.nan, np.inf, -np.inf, 1e-45, 5e-324):
            add(f"scalar_{dt}_{v!r}", np.array(v, dt))
    add("scalar_int32", np.array(-7, np.int32))
    add("scalar_int64_min", np.array(np.iinfo(np.int64).min, np.int64))
    add("scalar_bool_true", np.array(True))
    add("scalar_bool_false", np.array(False))
    # empty arrays of several shapes and dtypes
    for dt in DTYPES:
        add(f"empty_0_{dt}", np.zeros((0,), dt))
    add("empty_0x3_int64", np.zeros((0, 3), np.int64))
    add("empty_2x0_float32", np.zeros((2, 0), np.float32))
    add("empty_2x0x4_bool", np.zeros((2, 0, 4), bool))
    # small arrays, ranks 1..4
    add("arange_f32_6", np.arange(6, dtype=f32))
    add("f32_2x3_mixed_sign", np.array([[1.5, -2.25, 0.0], [3.0, -0.0, 100.125]], f32))
    add("f64_rank4", rng.standard_normal((2, 2, 3, 2)))
    add("f32_rank4", rng.standard_normal((2, 3, 2, 2)).astype(f32))
    add("int32_rank3", rng.integers(-50, 500, (2, 3, 4)).astype(np.int32))
    add("int64_rank4", rng.integers(-9, 9, (2, 2, 2, 3)))
    add("bool_rank2", rng.random((3, 4)) < 0.5)
    add("bool_rank3", rng.random((2, 2, 3)) < 0.5)
    add("bool_all_false", np.zeros(5, bool))
    # nan / inf / -0.0
    add("f64_nan_inf", np.array([np.nan, np.inf, -np.inf, 1.5, -0.0]))
    add("f32_only_nan", np.array([np.nan, np.nan], f32))
    add("f32_nan_neginf", np.array([np.nan, -np.inf], f32))
    add("f64_inf_sci", np.array([np.inf, 1e-10, 2.5e10]))
    add("f32_neg_zero_only", np.array([-0.0, 0.0], f32))
    add("f64_nan_with_ints", np.array([[1.0, np.nan], [3.0, 4.0]]))
    # scientific switch: large, small, ratio > 1000, and the float32 1e6 cutoff
    add("f64_large_1e8", np.array([1e8, 1.0]))
    add("f64_just_below_1e8", np.array([99999999.0, 12345.5]))
    add("f32_1e6_cutoff", np.array([1e6, 1.0], f32))
    add("f32_below_1e6", np.array([999999.94, 1.5], f32))
    add("f64_tiny", np.array([1e-5, 2e-5]))
    add("f32_1e-4_exact", np.array([1e-4, 1e-3], f32))
    add("f64_ratio_1000", np.array([1.0, 1000.0]))
    add("f64_ratio_1001", np.array([1.0, 1001.0]))
    add("f32_ratio_rounding", np.array([0.0011, 1.1], f32))
    add("f64_huge_tiny", np.array([1e300, -1e-300, 5e-324, 1.7976931348623157e308]))
    add("f32_huge_tiny", np.array([3.4028235e38, 1e-45, -1.17549435e-38], f32))
    add("f64_exp_3digit", np.array([1e100, 1e-5]))
    # rounding at 8 fraction digits
    add("f64_pi_e", np.array([np.pi, np.e, -np.sqrt(2)]))
    add("f64_round_half", np.array([0.123456785, 0.999999995, 9.999999999]))
    add("f64_thirds", np.arange(1, 10) / 3.0)
    # float32 values whose float32-shortest digits differ from their double digits
    add("f32_shortest_vs_double", np.array([123.456, 0.3, 3.14159, 0.7, 1 / 3], f32))
    add("f32_shortest_sci", np.array([1.1e-10, 3.3e7, 2.2e-8], f32))
    add("f32_shortest_2x2", np.array([[0.3, 0.7], [1.2, 123.456]], f32))
    # random normals at several scales
    for scale in (1e-6, 1e-2, 1.0, 1e3, 1e7):
        add(f"f64_normal_{scale:g}", rng.standard_normal(8) * scale)
        add(f"f32_normal_{scale:g}", (rng.standard_normal((3, 4)) * scale).astype(f32))
    # integer extremes and widths
    i32, i64 = np.iinfo(np.int32), np.iinfo(np.int64)
    add("int32_extremes", np.array([i32.min, 0, i32.max], np.int32))
    add("int64_extremes", np.array([i64.min, -1, 0, i64.max], np.int64))
    add("int64_wide_row", np.arange(40) * 12345678901)
    add("int32_negative_widths", np.array([-1, 10, -100, 5], np.int32))
    # rows that wrap at 75 (str) / 74 (repr), nested wraps
    add("f64_wrap_1d", rng.standard_normal(30))
    add("f32_wrap_2d", rng.standard_normal((3, 20)).astype(f32))
    add("f32_wrap_3d", rng.standard_normal((2, 2, 12)).astype(f32) * 100)
    add("int32_wrap", np.arange(100, dtype=np.int32))
    add("bool_wrap", rng.random(40) < 0.5)
    add("f64_exact_width", np.full(7, 1.23456789))
    # 1000 elements (not summarised) and > 1000 (summarised)
    add("f64_1000_exact", rng.standard_normal(1000))
    add("int64_1001", np.arange(1001))
    add("f32_summary_2d", rng.standard_normal((40, 30)).astype(f32))
    add("f64_summary_3d", rng.standard_normal((11, 10, 10)))
    add("f32_summary_edges_only", np.concatenate(
        [np.full(3, 0.5), np.full(1000, 1e-20), np.full(3, 2.5)]).astype(f32))
    add("bool_summary", rng.random((30, 40)) < 0.5)
    add("f64_summary_nan_edge", np.concatenate([[np.nan], rng.standard_normal(1200)]))
    add("int32_summary_rank4", rng.integers(-1000, 1000, (7, 7, 7, 7)).astype(np.int32))
    add("f64_2pow10_no_long_axis", np.arange(1024.0).reshape((2,) * 10))
    # nesting so deep that the indent alone nearly fills the line: numpy stops wrapping
    add("f64_rank31_wide", np.full((1,) * 30 + (3,), -1.5e300))
    add("int64_rank61_extremes", np.array([i64.min, i64.max]).reshape((1,) * 60 + (2,)))
    add("f32_rank20_rows", rng.standard_normal((1,) * 18 + (2, 9)).astype(f32))
    return c


def arange_cases():
    return [("f32_1000x1000_arange", np.arange(1000000, dtype=np.float32).reshape(1000, 1000)),
            ("int32_2000x3_arange", np.arange(6000, dtype=np.int32).reshape(2000, 3)),
            ("f64_2x3x500_arange", np.arange(3000, dtype=np.float64).reshape(2, 3, 500))]


def random_floats(rng, n, dt):
    kind = rng.integers(0, 9)
    bits = np.uint32 if dt == np.float32 else np.uint64
    if kind == 0:  # any bit pattern: nan payloads, inf, subnormals, huge
        return rng.integers(0, np.iinfo(bits).max, n, dtype=bits, endpoint=True).view(dt)
    if kind == 1:
        return (rng.standard_normal(n) * 10.0 ** rng.integers(-12, 13)).astype(dt)
    if kind == 2:  # few decimals: exact-ish short strings
        return np.round(rng.standard_normal(n) * 100, rng.integers(0, 5)).astype(dt)
    if kind == 3:  # integers stored as floats
        return rng.integers(-10 ** rng.integers(1, 10), 10 ** 9, n).astype(dt)
    if kind == 4:  # around the cutoffs and powers of ten
        base = rng.choice([1e-4, 1e6, 1e8, 1e16, 1000.0, 1.0, 0.5, 1e-8, 9.5])
        steps = rng.integers(-3, 4, n)
        v = np.array([base] * n, dt)
        return np.array([np.nextafter(x, dt(np.inf) if s > 0 else dt(0)) if s else x
                         for x, s in zip(v, steps)], dt) * rng.choice([1, -1], n).astype(dt)
    if kind == 5:  # uniform [0, 1): many 8-digit roundings
        return rng.random(n).astype(dt)
    if kind == 6:  # mixed magnitudes with specials
        v = (rng.standard_normal(n) * 10.0 ** rng.integers(-6, 9, n)).astype(dt)
        specials = np.array([np.nan, np.inf, -np.inf, 0.0, -0.0], dt)
        mask = rng.random(n) < 0.2
        v[mask] = rng.choice(specials, mask.sum())
        return v
    if kind == 7:  # random exponent, random mantissa across the full range
        lo, hi = (-149, 128) if dt == np.float32 else (-1074, 1024)
        e = rng.integers(lo, hi, n)
        return (rng.random(n) * np.exp2(e.astype(np.float64))).astype(dt)
    return (rng.random(n) * 2 - 1).astype(dt) * dt(10.0 ** rng.integers(-3, 4))


def random_shape(rng):
    rank = int(rng.integers(0, 5))
    if rng.random() < 0.08:  # big enough to summarise
        return [tuple(int(x) for x in s) for s in
                ([rng.integers(1001, 2500)], [rng.integers(20, 60), rng.integers(20, 60)],
                 [rng.integers(2, 4), rng.integers(7, 30), rng.integers(20, 60)])][rng.integers(0, 3)]
    hi = [1, 40, 12, 7, 5][rank]
    dims = tuple(int(rng.integers(0 if rng.random() < 0.05 else 1, hi + 1)) for _ in range(rank))
    return dims


def random_array(rng):
    dt = DTYPES[int(rng.integers(0, 5))]
    shape = random_shape(rng)
    n = int(np.prod(shape)) if shape else 1
    if dt in ("float32", "float64"):
        v = random_floats(rng, n, np.dtype(dt).type)
    elif dt == "bool":
        v = rng.random(n) < rng.random()
    else:
        info = np.iinfo(dt)
        mag = int(10 ** rng.integers(0, 19 if dt == "int64" else 10))
        lo, hi = max(info.min, -mag), min(info.max, mag)
        v = rng.integers(lo, hi, n, dtype=dt, endpoint=True)
        if n and rng.random() < 0.1:
            v[rng.integers(0, n)] = rng.choice([info.min, info.max])
    return np.asarray(v, dt).reshape(shape)


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--fuzz", type=int, default=0, help="write N random cases instead")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--out", default=os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                                 "golden.txt"))
    args = p.parse_args()
    with open(args.out, "w", newline="\n") as f:
        if args.fuzz:
            rng = np.random.default_rng(args.seed)
            for i in range(args.fuzz):
                f.write(block(f"fuzz_{args.seed}_{i}", random_array(rng)))
            return
        f.write(f"# numpy {np.__version__} str/repr golden texts; made by make_golden.py\n")
        for name, a in golden_cases():
            f.write(block(name, a))
        for name, a in arange_cases():
            f.write(block(name, a, arange=True))


if __name__ == "__main__":
    sys.exit(main())
