/**
 * fanout: asyncio's {@code gather}, {@code wait} and {@code as_completed} for Java, generated at
 * compile time. Users import from {@code dev.fanout}; {@code dev.fanout.internal} is exported only
 * so that generated coordinators, in the user's own module, can call the engine. It is not API.
 */
module dev.fanout {
  exports dev.fanout;
  exports dev.fanout.internal;

  requires java.management; // the in-flight view as an MBean
  requires jdk.jfr; // the dev.fanout.Call and dev.fanout.Task events

  uses dev.fanout.ContextPropagator;
  uses dev.fanout.FanOutListener;
}
