package org.tensorgraph.ops.variables;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One graph's variables and variable-scope stack: TF's {@code _VariableStore} and {@code
 * _VariableScopeStore}, kept as a graph extension.
 */
final class VariableScopeState {
  final Map<String, Variable> variables = new LinkedHashMap<>();
  private final Map<String, Integer> scopeCounts = new HashMap<>();
  VariableScope current = VariableScope.root();

  /** TF's {@code open_variable_scope}: counts entries, for {@code default_name} uniquifying. */
  void open(String scopeName) {
    scopeCounts.merge(scopeName, 1, Integer::sum);
  }

  /** TF's {@code close_variable_subscopes}: a scope's children start counting afresh. */
  void closeSubscopes(String scopeName) {
    for (Map.Entry<String, Integer> e : scopeCounts.entrySet()) {
      if (scopeName == null || e.getKey().startsWith(scopeName + "/")) {
        e.setValue(0);
      }
    }
  }

  int count(String scopeName) {
    return scopeCounts.getOrDefault(scopeName, 0);
  }

  Map<String, Integer> snapshotCounts() {
    return new HashMap<>(scopeCounts);
  }

  void restoreCounts(Map<String, Integer> counts) {
    scopeCounts.clear();
    scopeCounts.putAll(counts);
  }

  List<Variable> all() {
    return new ArrayList<>(variables.values());
  }
}
