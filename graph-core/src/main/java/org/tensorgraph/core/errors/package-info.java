/**
 * Runtime errors with TensorFlow's status codes and texts: one exception class per code, all
 * subclasses of {@link org.tensorgraph.core.errors.StatusException}, unchecked.
 */
package org.tensorgraph.core.errors;
