package org.tensorgraph.core.print;

import org.tensorgraph.core.Tensor;

/** Placeholder: being written (numpy str/repr). */
public final class NumpyPrinter {
  private NumpyPrinter() {}

  public static String str(Tensor t) {
    return "<tensor " + t.dtype() + " " + t.shape() + ">";
  }

  public static String repr(Tensor t) {
    return str(t);
  }
}
