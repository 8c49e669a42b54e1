/**
 * fanout and Micrometer's context-propagation:
 * {@link dev.fanout.contextpropagation.ContextRegistryPropagator} carries everything registered in
 * the {@code ContextRegistry} into every task. Found by {@link java.util.ServiceLoader}: put the jar
 * on the path.
 */
package dev.fanout.contextpropagation;
