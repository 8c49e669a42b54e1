package dev.fanout.internal;

/**
 * The JMX view of fanout, {@code dev.fanout:type=FanOut}: {@link #dump()} gives the calls running
 * now as the same indented tree as {@code FanOut.inFlight()}, for jconsole or any JMX client.
 */
public interface FanOutMXBean {
  /**
   * The calls running now.
   *
   * @return an indented tree: each call with its time, its tasks and their child calls
   */
  String dump();
}
