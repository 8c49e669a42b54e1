package dev.fanout.examples.gradle;

import java.util.List;

/** Prints three forecasts, fetched at once. */
public final class Main {
  private Main() {}

  public static void main(String[] args) throws InterruptedException {
    Weather weather = new WeatherCoordinator();
    weather.forecasts(List.of("Lisbon", "Oslo", "Kyoto")).forEach(System.out::println);
  }
}
