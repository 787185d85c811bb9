package org.tensorgraph.core.print;

import java.math.BigInteger;

/**
 * numpy's float-to-decimal conversion ({@code numpy/_core/src/multiarray/dragon4.c}, after Ryan
 * Juckett's Dragon4): exact big-integer digit generation in "unique" mode, which yields the
 * shortest digits that read back to the same value <em>of the value's own type</em>, optionally
 * cut off or extended at a digit position and rounded half-to-even on the exact value.
 *
 * <p>The digit loop, its stopping test (inclusive margins for an even mantissa), the final-digit
 * rounding and the carry are numpy's, step for step, so that even the rare cases where the
 * shortest string is not the nearest one come out as numpy prints them. Java's {@code
 * Float.toString} would not do: it is not always shortest and knows no cutoffs.
 *
 * <pre>{@code
 * Dragon4.positional(Dragon4.Value.of(0.1f), 8, 0, Dragon4.Trim.ZEROS, true, -1, -1)  // "0.1"
 * Dragon4.scientific(Dragon4.Value.of(1e-5), -1, -1, Dragon4.Trim.DPT_ZEROS, -1, -1)  // "1e-05"
 * }</pre>
 */
final class Dragon4 {
  private Dragon4() {}

  /** numpy's {@code TrimMode}: what happens to trailing zeros and the decimal point. */
  enum Trim {
    /** 'k': keep trailing zeros (pad to {@code min_digits}), keep the point. */
    NONE,
    /** '.': trim trailing zeros, keep the point ({@code 1.}). */
    ZEROS,
    /** '0': trim trailing zeros but leave one after the point ({@code 1.0}). */
    LEAVE_ONE_ZERO,
    /** '-': trim trailing zeros and the point ({@code 1}). */
    DPT_ZEROS
  }

  /** A finite or non-finite IEEE value split into sign, integer mantissa and binary exponent. */
  static final class Value {
    final boolean negative;
    final boolean nan;
    final boolean infinite;
    final long mantissa;
    final int exponent;
    final int mantissaBit;
    final boolean unequalMargins;

    private Value(boolean negative, boolean nan, boolean infinite, long mantissa, int exponent,
        int mantissaBit, boolean unequalMargins) {
      this.negative = negative;
      this.nan = nan;
      this.infinite = infinite;
      this.mantissa = mantissa;
      this.exponent = exponent;
      this.mantissaBit = mantissaBit;
      this.unequalMargins = unequalMargins;
    }

    /** A float32, decomposed as dragon4.c's {@code Dragon4_PrintFloat_IEEE_binary32}. */
    static Value of(float f) {
      int bits = Float.floatToRawIntBits(f);
      return decompose(bits < 0, bits & 0x7FFFFF, (bits >>> 23) & 0xFF, 0xFF, 127, 23);
    }

    /** A float64, decomposed as dragon4.c's {@code Dragon4_PrintFloat_IEEE_binary64}. */
    static Value of(double d) {
      long bits = Double.doubleToRawLongBits(d);
      return decompose(bits < 0, bits & 0xFFFFFFFFFFFFFL, (int) ((bits >>> 52) & 0x7FF), 0x7FF,
          1023, 52);
    }

    private static Value decompose(boolean negative, long fraction, int biasedExp, int maxExp,
        int bias, int fractionBits) {
      if (biasedExp == maxExp) {
        return new Value(negative, fraction != 0, fraction == 0, 0, 0, 0, false);
      }
      if (biasedExp != 0) {
        // normal: value = (2^p + fraction) * 2^(e - bias - p); the margin below a power of two is
        // half the one above, except at the smallest normal exponent
        return new Value(negative, false, false, (1L << fractionBits) | fraction,
            biasedExp - bias - fractionBits, fractionBits, biasedExp != 1 && fraction == 0);
      }
      int bit = fraction == 0 ? 0 : 63 - Long.numberOfLeadingZeros(fraction);
      return new Value(negative, false, false, fraction, 1 - bias - fractionBits, bit, false);
    }

    boolean isFinite() {
      return !nan && !infinite;
    }
  }

  /** The digits of a value and the decimal exponent of the first one. */
  private static final class Digits {
    final StringBuilder digits = new StringBuilder();
    int exponent;
  }

  private static final double LOG10_2 = 0.30102999566398119521373889472449;
  // dragon4.c stops at its 16 KiB scratch buffer; unique digits never get near it
  private static final int BUFFER_DIGITS = 16000;

  /**
   * numpy's {@code FormatPositional} in unique digit mode.
   *
   * @param precision the cutoff (digits after the point when {@code fractional}, else significant
   *     digits), or -1 for none
   * @param minDigits print at least this many such digits, or -1
   * @param padLeft pad with spaces until this many characters precede the point, or -1
   * @param padRight pad with spaces until this many characters follow the point, or -1
   */
  static String positional(Value v, int precision, int minDigits, Trim trim, boolean fractional,
      int padLeft, int padRight) {
    if (!v.isFinite()) {
      return infNan(v);
    }
    StringBuilder b = new StringBuilder();
    int hasSign = v.negative ? 1 : 0;
    if (v.negative) {
      b.append('-');
    }
    Digits d = dragon4(v, fractional, precision, minDigits);
    int numDigits = d.digits.length();
    int numWhole;
    int numFraction = 0;
    if (d.exponent >= 0) {
      numWhole = d.exponent + 1;
      if (numDigits <= numWhole) {
        b.append(d.digits);
        zeros(b, numWhole - numDigits);
      } else {
        numFraction = numDigits - numWhole;
        b.append(d.digits, 0, numWhole).append('.').append(d.digits, numWhole, numDigits);
      }
    } else {
      int fractionZeros = -(d.exponent + 1);
      b.append("0.");
      zeros(b, fractionZeros);
      b.append(d.digits);
      numFraction = numDigits + fractionZeros;
      numWhole = 1;
    }
    if (trim != Trim.DPT_ZEROS && numFraction == 0) {
      b.append('.');
    }
    int addDigits = minDigits;
    int desiredFraction = fractional ? Math.max(addDigits, 0) : addDigits - numWhole;
    numFraction = trimOrExtend(b, trim, numFraction, desiredFraction, true);
    if (padRight >= numFraction) {
      if (trim == Trim.DPT_ZEROS && numFraction == 0) {
        b.append(' ');
      }
      b.append(" ".repeat(padRight - numFraction));
    }
    if (padLeft > numWhole + hasSign) {
      b.insert(0, " ".repeat(padLeft - (numWhole + hasSign)));
    }
    return b.toString();
  }

  /**
   * numpy's {@code FormatScientific} in unique digit mode: {@code d.ddde+XX}.
   *
   * @param precision at most this many digits after the point, or -1
   * @param minDigits at least this many digits after the point, or -1
   * @param padLeft pad with spaces until this many characters precede the point, or -1
   * @param expDigits pad the exponent with zeros to this many digits; -1 means 2
   */
  static String scientific(Value v, int precision, int minDigits, Trim trim, int padLeft,
      int expDigits) {
    if (!v.isFinite()) {
      return infNan(v);
    }
    StringBuilder b = new StringBuilder();
    int leftChars = 1 + (v.negative ? 1 : 0);
    if (padLeft > leftChars) {
      b.append(" ".repeat(padLeft - leftChars));
    }
    if (v.negative) {
      b.append('-');
    }
    Digits d = dragon4(v, false, precision < 0 ? -1 : precision + 1,
        minDigits < 0 ? -1 : minDigits + 1);
    b.append(d.digits.charAt(0));
    int numFraction = d.digits.length() - 1;
    if (numFraction > 0) {
      b.append('.').append(d.digits, 1, d.digits.length());
    }
    if (trim != Trim.DPT_ZEROS && numFraction == 0) {
      b.append('.');
    }
    trimOrExtend(b, trim, numFraction, Math.max(minDigits, 0), false);
    appendExponent(b, d.exponent, expDigits);
    return b.toString();
  }

  /**
   * The shared tail of both layouts: add zeros up to {@code desired} digits (trim 'k'), or trim
   * trailing zeros. Positional output drops a bare point in '-' mode; scientific output keeps it,
   * as dragon4.c does. Returns the new fraction digit count.
   */
  private static int trimOrExtend(StringBuilder b, Trim trim, int numFraction, int desired,
      boolean positional) {
    if (trim == Trim.LEAVE_ONE_ZERO) {
      if (numFraction == 0) {
        b.append('0');
        numFraction++;
      }
    } else if (trim == Trim.NONE && desired > numFraction) {
      zeros(b, desired - numFraction);
      numFraction = desired;
    }
    if (trim != Trim.NONE && numFraction > 0) {
      while (b.charAt(b.length() - 1) == '0') {
        b.setLength(b.length() - 1);
        numFraction--;
      }
      if (b.charAt(b.length() - 1) == '.') {
        if (trim == Trim.LEAVE_ONE_ZERO) {
          b.append('0');
          numFraction++;
        } else if (trim == Trim.DPT_ZEROS && positional) {
          b.setLength(b.length() - 1);
        }
      }
    }
    return numFraction;
  }

  private static void appendExponent(StringBuilder b, int exponent, int expDigits) {
    int width = expDigits < 0 ? 2 : Math.min(expDigits, 5);
    b.append('e').append(exponent >= 0 ? '+' : '-');
    String digits = Integer.toString(Math.abs(exponent));
    zeros(b, width - digits.length());
    b.append(digits);
  }

  private static String infNan(Value v) {
    // numpy never prints a sign on nan, whatever its sign bit
    return v.nan ? "nan" : v.negative ? "-inf" : "inf";
  }

  private static void zeros(StringBuilder b, int n) {
    for (int i = 0; i < n; i++) {
      b.append('0');
    }
  }

  /**
   * The digit generator: dragon4.c's {@code Dragon4()} in {@code DigitMode_Unique}, on exact
   * integers. {@code value / scale} is the number still to print, {@code low} and {@code high}
   * the half-distances to its neighbours on the same scale.
   */
  private static Digits dragon4(Value v, boolean fractional, int cutoffMax, int cutoffMin) {
    Digits out = new Digits();
    if (v.mantissa == 0) {
      out.digits.append('0');
      out.exponent = 0;
      return out;
    }
    boolean isEven = (v.mantissa & 1) == 0;
    BigInteger m = BigInteger.valueOf(v.mantissa);
    int e = v.exponent;
    int extra = v.unequalMargins ? 2 : 1;
    BigInteger value;
    BigInteger scale;
    BigInteger low;
    if (e > 0) {
      value = m.shiftLeft(e + extra);
      scale = BigInteger.ONE.shiftLeft(extra);
      low = BigInteger.ONE.shiftLeft(e);
    } else {
      value = m.shiftLeft(extra);
      scale = BigInteger.ONE.shiftLeft(-e + extra);
      low = BigInteger.ONE;
    }
    int digitExponent = (int) Math.ceil((double) (v.mantissaBit + e) * LOG10_2 - 0.69);
    if (cutoffMax >= 0 && fractional && digitExponent <= -cutoffMax) {
      digitExponent = -cutoffMax + 1; // start at the cutoff digit; rounding does the rest
    }
    if (digitExponent > 0) {
      scale = scale.multiply(BigInteger.TEN.pow(digitExponent));
    } else if (digitExponent < 0) {
      BigInteger pow10 = BigInteger.TEN.pow(-digitExponent);
      value = value.multiply(pow10);
      low = low.multiply(pow10);
    }
    if (value.compareTo(scale) >= 0) {
      digitExponent++; // the estimate was one too low
    } else {
      value = value.multiply(BigInteger.TEN);
      low = low.multiply(BigInteger.TEN);
    }
    // the exponents of the last digit allowed and of the last digit required
    int cutoffMaxExp = digitExponent - BUFFER_DIGITS;
    cutoffMaxExp = cutoffMax < 0 ? cutoffMaxExp
        : Math.max(cutoffMaxExp, fractional ? -cutoffMax : digitExponent - cutoffMax);
    int cutoffMinExp = cutoffMin < 0 ? digitExponent
        : Math.min(digitExponent, fractional ? -cutoffMin : digitExponent - cutoffMin);
    out.exponent = digitExponent - 1;
    generate(out, value, scale, low, v.unequalMargins, isEven, digitExponent, cutoffMaxExp,
        cutoffMinExp);
    return out;
  }

  private static void generate(Digits out, BigInteger value, BigInteger scale, BigInteger low,
      boolean unequal, boolean isEven, int digitExponent, int cutoffMaxExp, int cutoffMinExp) {
    BigInteger high = unequal ? low.shiftLeft(1) : low;
    boolean isLow;
    boolean isHigh;
    int digit;
    for (;;) {
      digitExponent--;
      BigInteger[] qr = value.divideAndRemainder(scale);
      digit = qr[0].intValue();
      value = qr[1];
      int cmpLow = value.compareTo(low);
      int cmpHigh = value.add(high).compareTo(scale);
      isLow = isEven ? cmpLow <= 0 : cmpLow < 0;
      isHigh = isEven ? cmpHigh >= 0 : cmpHigh > 0;
      if (((isLow || isHigh) && digitExponent <= cutoffMinExp)
          || digitExponent == cutoffMaxExp) {
        break;
      }
      out.digits.append((char) ('0' + digit));
      value = value.multiply(BigInteger.TEN);
      low = low.multiply(BigInteger.TEN);
      high = unequal ? low.shiftLeft(1) : low;
    }
    boolean roundDown = isLow;
    if (isLow == isHigh) {
      // both neighbours are out of reach (or both in): round the exact value half to even
      int cmp = value.shiftLeft(1).compareTo(scale);
      roundDown = cmp < 0 || (cmp == 0 && (digit & 1) == 0);
    }
    if (roundDown) {
      out.digits.append((char) ('0' + digit));
    } else {
      roundUp(out, digit);
    }
  }

  private static void roundUp(Digits out, int digit) {
    if (digit < 9) {
      out.digits.append((char) ('0' + digit + 1));
      return;
    }
    StringBuilder d = out.digits;
    while (d.length() > 0 && d.charAt(d.length() - 1) == '9') {
      d.setLength(d.length() - 1);
    }
    if (d.length() == 0) {
      d.append('1'); // 9.99 rounds to 10: one digit, next exponent
      out.exponent++;
    } else {
      d.setCharAt(d.length() - 1, (char) (d.charAt(d.length() - 1) + 1));
    }
  }
}
