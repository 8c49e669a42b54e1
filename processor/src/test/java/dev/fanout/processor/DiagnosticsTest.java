package dev.fanout.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The "did you mean" of unknown task names. */
class DiagnosticsTest {

  @Test
  void suggestsTheClosestNameWithinATypo() {
    assertEquals(Optional.of("fetchUser"),
        Diagnostics.didYouMean("fetchUsr", List.of("orders", "fetchUser", "fetchUsers")));
    assertEquals(Optional.of("fetchUser"), Diagnostics.didYouMean("FetchUser", List.of(
        "fetchUser")));
  }

  @Test
  void suggestsNothingFarAway() {
    assertEquals(Optional.empty(), Diagnostics.didYouMean("weather", List.of("user", "orders")));
  }

  @Test
  void editDistance() {
    assertEquals(0, Diagnostics.distance("abc", "ABC"));
    assertEquals(1, Diagnostics.distance("fetchUsr", "fetchUser"));
    assertEquals(3, Diagnostics.distance("kitten", "sitting"));
  }
}
