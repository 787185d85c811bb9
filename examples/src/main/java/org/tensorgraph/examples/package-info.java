/**
 * The teaching curriculum: numbered, runnable programs ({@code Example01_...}), each with a
 * narrative comment, from placeholders and feeds to the article's {@code dynamic_rnn} runs.
 */
package org.tensorgraph.examples;
