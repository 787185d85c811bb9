package org.tensorgraph.ops.gemm;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;

/**
 * Where a {@code float[]}'s first element lies in its 64-byte cache line, and arrays allocated to
 * start at a chosen place: the pure-Java kernel's rows all start at {@link #TARGET}, so that no
 * vector load of a B row splits a cache line when the C row it is added to is aligned.
 *
 * <pre>{@code
 * float[] row = RowPhase.newRow(GemmJava.ROW, RowPhase.TARGET);
 * RowPhase.of(row);  // TARGET, or UNKNOWN when this JVM's layout is not known
 * }</pre>
 *
 * <p>Why: C2 aligns a vectorized loop to its store, here the C row; a load from an array that
 * starts elsewhere in its cache line crosses a line on every 64-byte vector (measured on this
 * AVX-512 machine: 41 GFLOP/s for the kernel over rows allocated as they come, 53-58 when every
 * row starts alike). Java has no aligned arrays, so the address is read with {@code
 * sun.misc.Unsafe} (the {@code jdk.unsupported} module, reflectively) where its layout is the
 * known one: JDK 17 to 22 (later JDKs warn on Unsafe's memory access), references 4 bytes
 * (compressed, the shift measured here) or 8. Anywhere else every phase is {@link #UNKNOWN} and
 * rows are allocated as they come: only speed depends on this, never a result. The system
 * property {@code tensorgraph.gemm.align=false} turns it off.
 */
final class RowPhase {
  /** The phase of an array whose object starts a cache line (the header is 16 bytes). */
  static final int TARGET = 16;
  static final int UNKNOWN = -1;
  /** Allocations tried for one row before taking it as it comes (8 phases exist). */
  private static final int TRIES = 16;

  private static final MethodHandle GET_INT;
  private static final MethodHandle GET_LONG;
  private static final long REF_BASE;
  private static final long FLOAT_BASE;
  /** Compressed references' shift, or 0 for 8-byte references; -1 when phases are unknown. */
  private static final int SHIFT;
  private static final boolean COMPRESSED;
  /** Where fillers go, so that escape analysis cannot remove them. */
  private static volatile Object sink;
  private static final Object[] HOLDER = new Object[1];

  static {
    MethodHandle getInt = null;
    MethodHandle getLong = null;
    long refBase = 0;
    long floatBase = 0;
    boolean compressed = false;
    int shift = -1;
    if (!"false".equals(System.getProperty("tensorgraph.gemm.align"))
        && Runtime.version().feature() < 23) {
      try {
        Class<?> c = Class.forName("sun.misc.Unsafe");
        Field f = c.getDeclaredField("theUnsafe");
        f.setAccessible(true);
        Object u = f.get(null);
        MethodHandles.Lookup l = MethodHandles.lookup();
        getInt = l.findVirtual(c, "getInt", MethodType.methodType(int.class, Object.class,
            long.class)).bindTo(u);
        getLong = l.findVirtual(c, "getLong", MethodType.methodType(long.class, Object.class,
            long.class)).bindTo(u);
        MethodHandle base = l.findVirtual(c, "arrayBaseOffset",
            MethodType.methodType(int.class, Class.class)).bindTo(u);
        MethodHandle scale = l.findVirtual(c, "arrayIndexScale",
            MethodType.methodType(int.class, Class.class)).bindTo(u);
        refBase = (int) base.invokeExact((Class<?>) Object[].class);
        floatBase = (int) base.invokeExact((Class<?>) float[].class);
        int refScale = (int) scale.invokeExact((Class<?>) Object[].class);
        compressed = refScale == 4;
        shift = refScale == 4 || refScale == 8 ? measureShift(getInt, getLong, refBase,
            compressed) : -1;
      } catch (Throwable e) { // no Unsafe, or not this one: phases stay unknown
        shift = -1;
      }
    }
    GET_INT = getInt;
    GET_LONG = getLong;
    REF_BASE = refBase;
    FLOAT_BASE = floatBase;
    COMPRESSED = compressed;
    SHIFT = shift;
  }

  private RowPhase() {}

  /** True when phases are known on this JVM. */
  static boolean known() {
    return SHIFT >= 0;
  }

  /** Where {@code a[0]} lies in its cache line, 0..63 bytes; or {@link #UNKNOWN}. */
  static int of(float[] a) {
    // why a shared holder, not a new one: the JIT could keep a fresh one in registers, with no
    // slot to read, and newRow's allocations must be only the row and the filler
    synchronized (HOLDER) {
      return of(HOLDER, a);
    }
  }

  /**
   * {@link #of(float[])} with {@code holder}, a one-element scratch array for hot loops; it must
   * be reachable from outside the caller (a field), so that it exists in memory to be read.
   */
  static int of(Object[] holder, float[] a) {
    if (SHIFT < 0) {
      return UNKNOWN;
    }
    holder[0] = a;
    long address = raw(GET_INT, GET_LONG, REF_BASE, COMPRESSED, holder) << SHIFT;
    holder[0] = null;
    return (int) ((address + FLOAT_BASE) & 63);
  }

  /**
   * A new {@code float[length]} starting at {@code phase} when phases are known and a few
   * allocations land one there (the heap's next free address moves by the row and a small filler
   * each time, through every phase), else as it comes. For {@code length * 4 + 16} a multiple
   * of 64, rows allocated one after another then share the phase.
   */
  static float[] newRow(int length, int phase) {
    float[] r = new float[length];
    for (int i = 0; i < TRIES && SHIFT >= 0 && of(r) != phase; i++) {
      // 24 bytes: with the row's multiple of 64, the next row starts 24 bytes further into its
      // line, and 24 steps through all 8 phases
      sink = new byte[1];
      r = new float[length];
    }
    return r;
  }

  /** The reference in {@code holder[0]}: a narrow (compressed) oop or an address. */
  private static long raw(MethodHandle getInt, MethodHandle getLong, long refBase,
      boolean compressed, Object[] holder) {
    try {
      return compressed ? ((int) getInt.invokeExact((Object) holder, refBase)) & 0xffffffffL
          : (long) getLong.invokeExact((Object) holder, refBase);
    } catch (Throwable e) {
      throw new IllegalStateException(e); // not reached: both handles were resolved
    }
  }

  /**
   * The compressed-reference shift: two 64-byte arrays allocated one after the other lie 64
   * bytes apart, so their references differ by {@code 64 >> shift}. Taken when most of eight
   * pairs agree (a pair may straddle two allocation buffers); else -1.
   */
  private static int measureShift(MethodHandle getInt, MethodHandle getLong, long refBase,
      boolean compressed) {
    int agree = 0;
    long seen = -1;
    for (int i = 0; i < 8; i++) {
      long[] a = new long[6]; // 16-byte header + 48 bytes
      long[] b = new long[6];
      long d = raw(getInt, getLong, refBase, compressed, new Object[] {b})
          - raw(getInt, getLong, refBase, compressed, new Object[] {a});
      if (d == seen) {
        agree++;
      } else if (agree == 0) {
        seen = d;
        agree = 1;
      } else {
        agree--;
      }
    }
    if (agree < 2 || seen <= 0 || seen > 64 || Long.bitCount(seen) != 1) {
      return -1;
    }
    return Long.numberOfTrailingZeros(64 / seen);
  }
}
