package dev.fanout.examples.spring;

import dev.fanout.Async;
import dev.fanout.Gather;
import java.util.List;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/** An owner whose tasks say who they run for, as Spring Security sees it on their thread. */
public abstract class WhoAmI {
  @Async
  String user(String key) {
    Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
    return key + ":" + (authentication == null ? "nobody" : authentication.getName())
        + " on " + Thread.currentThread().getName();
  }

  @Gather("user")
  public abstract List<String> users(List<String> keys);

  @Gather(value = "user", maxConcurrency = 1)
  public abstract List<String> usersOneAtATime(List<String> keys);
}
