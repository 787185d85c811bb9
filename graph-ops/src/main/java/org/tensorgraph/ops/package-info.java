/**
 * TensorFlow's ops for Tensorgraph: each op's definition (TF 1.15's signature), shape rule and
 * kernel side by side, one file per family, registered through {@link
 * org.tensorgraph.core.op.OpLibrary} so that {@code new Graph()} knows them.
 */
package org.tensorgraph.ops;
