package org.tensorgraph.core.op;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An op's definition: TF's signature (inputs, outputs, attrs), its shape rule and its kernel, in
 * one place. Signatures are written in the syntax of TF's {@code REGISTER_OP}, so a definition can
 * be checked line by line against {@code tensorflow/core/ops/*.cc}:
 *
 * <pre>{@code
 * OpDef matMul = OpDef.builder("MatMul")
 *     .input("a: T").input("b: T").output("product: T")
 *     .attr("transpose_a: bool = false").attr("transpose_b: bool = false")
 *     .attr("T: {float, double, int32, int64}")
 *     .shape(ShapeRules.MATMUL).kernel(MathKernels::matMul)
 *     .build();
 * }</pre>
 */
public final class OpDef {
  /** How an executor should schedule a kernel: inline on the current thread, or on the pool. */
  public enum Cost { CHEAP, EXPENSIVE }

  private final String name;
  private final List<ArgDef> inputs;
  private final List<ArgDef> outputs;
  private final Map<String, AttrDef> attrs;
  private final boolean stateful;
  private final ShapeRule shapeRule;
  private final Kernel kernel;
  private final Cost cost;

  private OpDef(Builder b, List<ArgDef> inputs, List<ArgDef> outputs) {
    this.name = b.name;
    this.inputs = List.copyOf(inputs);
    this.outputs = List.copyOf(outputs);
    this.attrs = Collections.unmodifiableMap(new LinkedHashMap<>(b.attrs));
    this.stateful = b.stateful;
    this.shapeRule = b.shapeRule;
    this.kernel = b.kernel;
    this.cost = b.cost;
  }

  public static Builder builder(String name) {
    return new Builder(name);
  }

  /** The op type: {@code "MatMul"}. */
  public String name() {
    return name;
  }

  public List<ArgDef> inputs() {
    return inputs;
  }

  public List<ArgDef> outputs() {
    return outputs;
  }

  /** The attrs in declaration order. */
  public Map<String, AttrDef> attrs() {
    return attrs;
  }

  /** The attr named {@code attr}, or null. */
  public AttrDef attr(String attr) {
    return attrs.get(attr);
  }

  /** True for ops whose result is not a function of their inputs (variables, random ops). */
  public boolean isStateful() {
    return stateful;
  }

  public ShapeRule shapeRule() {
    return shapeRule;
  }

  /** The kernel, or null for ops that only describe structure (executors handle those). */
  public Kernel kernel() {
    return kernel;
  }

  public Cost cost() {
    return cost;
  }

  @Override
  public String toString() {
    return "OpDef(" + name + ")";
  }

  /** Builds an {@link OpDef}; argument and attr specs use TF's {@code REGISTER_OP} syntax. */
  public static final class Builder {
    private final String name;
    private final List<String> inputSpecs = new ArrayList<>();
    private final List<String> outputSpecs = new ArrayList<>();
    private final Map<String, AttrDef> attrs = new LinkedHashMap<>();
    private boolean stateful;
    private ShapeRule shapeRule;
    private Kernel kernel;
    private Cost cost = Cost.CHEAP;

    private Builder(String name) {
      this.name = Objects.requireNonNull(name, "name");
    }

    /** An input, e.g. {@code "a: T"}, {@code "values: N * T"}, {@code "ref: Ref(T)"}. */
    public Builder input(String spec) {
      inputSpecs.add(spec);
      return this;
    }

    /** An output, in the same syntax as {@link #input}. */
    public Builder output(String spec) {
      outputSpecs.add(spec);
      return this;
    }

    /** An attr, e.g. {@code "T: {float, double}"}, {@code "N: int >= 1"}, {@code "b: bool = false"}. */
    public Builder attr(String spec) {
      AttrDef a = OpDefSyntax.parseAttr(name, spec);
      if (attrs.put(a.name(), a) != null) {
        throw new IllegalArgumentException("Op " + name + " declares attr " + a.name() + " twice");
      }
      return this;
    }

    /** Marks the op stateful: never constant-folded or deduplicated. */
    public Builder stateful() {
      this.stateful = true;
      return this;
    }

    public Builder shape(ShapeRule rule) {
      this.shapeRule = rule;
      return this;
    }

    public Builder kernel(Kernel k) {
      this.kernel = k;
      return this;
    }

    /** Marks the kernel as worth a pool thread (matmul, large reductions). */
    public Builder expensive() {
      this.cost = Cost.EXPENSIVE;
      return this;
    }

    public OpDef build() {
      if (shapeRule == null) {
        throw new IllegalStateException("Op " + name + " has no shape rule");
      }
      List<ArgDef> in = new ArrayList<>();
      for (String s : inputSpecs) {
        in.add(OpDefSyntax.parseArg(name, s, attrs));
      }
      List<ArgDef> out = new ArrayList<>();
      for (String s : outputSpecs) {
        out.add(OpDefSyntax.parseArg(name, s, attrs));
      }
      in.forEach(this::defaultListMinimum);
      out.forEach(this::defaultListMinimum);
      return new OpDef(this, in, out);
    }

    /**
     * TF's OpDefBuilder gives a list's length attr ({@code N * T}, {@code list(type)}) a minimum
     * of 1 unless the registration states one, so {@code IdentityN} of nothing is rejected.
     */
    private void defaultListMinimum(ArgDef a) {
      String attr = a.numberAttr() != null ? a.numberAttr() : a.typeListAttr();
      AttrDef d = attr == null ? null : attrs.get(attr);
      if (d != null && d.minimum() == Long.MIN_VALUE) {
        attrs.put(attr, new AttrDef(d.name(), d.type(), d.defaultValue(), d.allowedValues(), 1));
      }
    }
  }
}
