/**
 * fanout and OpenTelemetry: {@link dev.fanout.opentelemetry.OpenTelemetryPropagator} carries the
 * caller's {@code Context} into every task (found by {@link java.util.ServiceLoader}), and
 * {@link dev.fanout.opentelemetry.SpanListener}, registered by the application, makes a span per
 * call and per task.
 */
package dev.fanout.opentelemetry;
