/**
 * fanout and Micrometer: {@link dev.fanout.micrometer.FanOutMetrics} times calls and tasks and
 * gauges the calls running now; the application registers it with its {@code MeterRegistry}.
 */
package dev.fanout.micrometer;
