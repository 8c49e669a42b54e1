package dev.fanout.examples.gradle;

import dev.fanout.Async;
import dev.fanout.Gather;
import java.util.List;

/** Three cities' forecasts at once. */
public abstract class Weather {
  @Async
  String forecast(String city) throws InterruptedException {
    Thread.sleep(100); // a remote call
    return city + ": sunny";
  }

  /** One task per city, all at once; the results in the cities' order. */
  @Gather("forecast")
  public abstract List<String> forecasts(List<String> cities) throws InterruptedException;
}
