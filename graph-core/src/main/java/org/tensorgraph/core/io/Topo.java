package org.tensorgraph.core.io;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A depth-first topological order over items {@code 0..n-1} with dependencies, computed with an
 * explicit stack (a graph may be a million nodes deep in one chain, far past any call stack).
 * Items come out in input order wherever the dependencies allow, so a file that lists its nodes
 * in a topological order is rebuilt in exactly that order. A cycle is reported with its path.
 */
final class Topo {
  /** A dependency cycle: the items along it, each depending on the next, first == last. */
  static final class CycleException extends Exception {
    final List<Integer> path;

    CycleException(List<Integer> path) {
      super(null, null, false, false);
      this.path = path;
    }
  }

  private Topo() {}

  /**
   * The order in which to build items so that each comes after its dependencies.
   *
   * @param deps {@code deps[i]} lists the items that item {@code i} depends on
   * @throws CycleException if the dependencies have a cycle
   */
  static int[] order(int[][] deps) throws CycleException {
    int n = deps.length;
    byte[] state = new byte[n]; // 0 new, 1 on the stack, 2 done
    int[] out = new int[n];
    int emitted = 0;
    int[] stack = new int[n];
    int[] next = new int[n]; // per stacked item, the next dependency to look at
    for (int root = 0; root < n; root++) {
      if (state[root] != 0) {
        continue;
      }
      int top = 0;
      stack[0] = root;
      next[0] = 0;
      state[root] = 1;
      while (top >= 0) {
        int item = stack[top];
        if (next[top] < deps[item].length) {
          int d = deps[item][next[top]++];
          if (state[d] == 1) {
            throw new CycleException(cyclePath(stack, top, d));
          }
          if (state[d] == 0) {
            state[d] = 1;
            stack[++top] = d;
            next[top] = 0;
          }
        } else {
          state[item] = 2;
          out[emitted++] = item;
          top--;
        }
      }
    }
    return out;
  }

  /** The stack from {@code d} up to the top, then {@code d} again. */
  private static List<Integer> cyclePath(int[] stack, int top, int d) {
    List<Integer> path = new ArrayList<>();
    int i = top;
    while (stack[i] != d) {
      i--;
    }
    for (int k = i; k <= top; k++) {
      path.add(stack[k]);
    }
    path.add(d);
    return Collections.unmodifiableList(path);
  }
}
