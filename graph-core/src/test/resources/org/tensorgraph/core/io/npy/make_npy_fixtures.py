#!/usr/bin/env python3
"""Writes the numpy-made .npy/.npz fixtures that NpyGoldenTest and NpzTest read.

Run from anywhere with numpy 2.4.6 (the files are committed; CI does not run this):

    python3 make_npy_fixtures.py

Every array holds values from a formula that the Java tests repeat exactly,
element i of the row-major (C-order) flattening being:

    f4: (float32(i) - 2.5f) / 7f      (IEEE float32 arithmetic)
    f8: (float64(i) - 2.5) / 3.0
    i4: 7 * i - 10
    i8: 1000000007 * i - 5000000000000
    b1: i % 3 == 0

File names: <prefix><dtype>_<shape>.npy, with the shape written as 2x3x4,
"scalar" for (), and prefixes be_ (big-endian), fortran_ (Fortran order),
v2_ / v3_ (format version 2.0 / 3.0 headers).
"""
import os
import zipfile

import numpy as np
from numpy.lib import format as npformat

OUT = os.path.dirname(os.path.abspath(__file__))
DTYPES = ["f4", "f8", "i4", "i8", "b1"]
SHAPES = [(), (5,), (2, 3), (2, 3, 4), (2, 1, 3, 2)]
EMPTY_SHAPES = [(0,), (2, 0), (0, 3, 4)]
# The smallest shape family we found whose header needs exactly 64 bytes of
# alignment padding (numpy then adds a whole extra 64-byte block, never 0).
PAD64_SHAPE = (0, 10, 10) + (1,) * 11


def values(dtype, shape):
    n = int(np.prod(shape, dtype=np.int64))
    i = np.arange(n, dtype=np.int64)
    if dtype == "f4":
        v = (i.astype(np.float32) - np.float32(2.5)) / np.float32(7)
    elif dtype == "f8":
        v = (i.astype(np.float64) - 2.5) / 3.0
    elif dtype == "i4":
        v = (7 * i - 10).astype(np.int32)
    elif dtype == "i8":
        v = 1000000007 * i - 5000000000000
    elif dtype == "b1":
        v = i % 3 == 0
    else:
        raise ValueError(dtype)
    return v.reshape(shape)


def shape_name(shape):
    return "scalar" if shape == () else "x".join(str(d) for d in shape)


def path(name):
    return os.path.join(OUT, name)


def save_plain():
    for dt in DTYPES:
        for shape in SHAPES + EMPTY_SHAPES:
            np.save(path(f"{dt}_{shape_name(shape)}.npy"), values(dt, shape))
    np.save(path("pad64_f4.npy"), values("f4", PAD64_SHAPE))


def save_special():
    for dt, t in (("f4", np.float32), ("f8", np.float64)):
        info = np.finfo(t)
        v = np.array([np.nan, np.inf, -np.inf, -0.0, 0.0, info.max, -info.max,
                      info.tiny, info.smallest_subnormal, 1.0 / 3.0], dtype=t)
        np.save(path(f"special_{dt}.npy"), v)


def save_big_endian():
    for dt in ["f4", "f8", "i4", "i8"]:
        a = values(dt, (2, 3)).astype(">" + dt)
        assert a.dtype.str == ">" + dt
        np.save(path(f"be_{dt}_2x3.npy"), a)


def save_fortran():
    for dt, shape in (("f4", (2, 3, 4)), ("i8", (3, 2)), ("b1", (2, 3)), ("f8", (2, 1, 3, 2))):
        a = np.asfortranarray(values(dt, shape))
        assert a.flags.f_contiguous and not a.flags.c_contiguous
        np.save(path(f"fortran_{dt}_{shape_name(shape)}.npy"), a)
    # Big-endian and Fortran order at once.
    a = np.asfortranarray(values("i4", (2, 3)).astype(">i4"))
    np.save(path("fortran_be_i4_2x3.npy"), a)


def save_versions():
    for version, prefix in (((2, 0), "v2_"), ((3, 0), "v3_")):
        for dt, shape in (("f8", (2, 3)), ("i4", (5,)), ("b1", ())):
            with open(path(f"{prefix}{dt}_{shape_name(shape)}.npy"), "wb") as f:
                npformat.write_array(f, values(dt, shape), version=version)


def save_npz():
    arrays = {"a": values("f4", (2, 3)), "b/c": values("i8", (5,)),
              "flag": values("b1", ()), "empty": values("f8", (0, 3))}
    np.savez(path("stored.npz"), **arrays)
    np.savez_compressed(path("compressed.npz"), **arrays)
    for name in ("stored.npz", "compressed.npz"):
        with zipfile.ZipFile(path(name)) as z:
            methods = {i.compress_type for i in z.infolist()}
        want = zipfile.ZIP_STORED if name == "stored.npz" else zipfile.ZIP_DEFLATED
        assert methods == {want}, (name, methods)


if __name__ == "__main__":
    assert np.__version__ == "2.4.6", np.__version__
    save_plain()
    save_special()
    save_big_endian()
    save_fortran()
    save_versions()
    save_npz()
