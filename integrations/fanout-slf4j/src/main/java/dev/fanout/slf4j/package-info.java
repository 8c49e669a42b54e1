/**
 * fanout and SLF4J: {@link dev.fanout.slf4j.MdcPropagator} carries the caller's MDC into every
 * task. Found by {@link java.util.ServiceLoader}: put the jar on the path.
 */
package dev.fanout.slf4j;
