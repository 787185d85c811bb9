/**
 * numpy-exact printing of tensors: {@link org.tensorgraph.core.print.NumpyPrinter#str} and {@link
 * org.tensorgraph.core.print.NumpyPrinter#repr} reproduce numpy 2.4's {@code str(a)} and {@code
 * repr(a)} byte for byte under numpy's default print options.
 *
 * <p>The parts follow numpy's own split ({@code numpy/_core/arrayprint.py} and {@code
 * numpy/_core/src/multiarray/dragon4.c}): {@code Dragon4} generates shortest round-trip digits for
 * a float32 or float64 and lays them out positionally or in scientific notation; {@code
 * FloatFormat} and {@code IntegerFormats} choose one element layout per array; {@code ArrayLayout}
 * nests, wraps and summarises; {@code NumpyPrinter} adds {@code array(...)}, the dtype and the
 * shape. Tests compare against golden texts that numpy produced (see {@code make_golden.py} and
 * {@code README.md} beside the golden file in the test resources, which also describe the
 * differential fuzz run against a local numpy).
 */
package org.tensorgraph.core.print;
