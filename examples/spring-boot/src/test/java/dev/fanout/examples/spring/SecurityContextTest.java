package dev.fanout.examples.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.task.TaskExecutionAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * With fanout-context-propagation on the path and nothing registered by hand, the caller's Spring
 * Security context reaches every task on Boot's task executor: Spring Security lists its
 * accessor in Micrometer's ContextRegistry, and fanout's propagator carries the registry's values.
 */
@SpringBootTest
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SecurityContextTest {
  private static final List<String> KEYS = List.of("a", "b", "c");

  @Autowired WhoAmI whoAmI;

  @AfterEach
  void signOut() {
    SecurityContextHolder.clearContext();
  }

  @Test
  void everyTaskRunsForTheCallersUser() {
    SecurityContextHolder.getContext().setAuthentication(new TestingAuthenticationToken("ann", null));
    assertRunFor("ann", whoAmI.users(KEYS));
  }

  @Test
  void soWhenEachTaskIsLaunchedFromAnotherTasksThread() {
    SecurityContextHolder.getContext().setAuthentication(new TestingAuthenticationToken("bob", null));
    assertRunFor("bob", whoAmI.usersOneAtATime(KEYS));
  }

  @Test
  void aCallerWithoutAUserGivesTasksNone() {
    assertRunFor("nobody", whoAmI.users(KEYS));
  }

  private static void assertRunFor(String user, List<String> seen) {
    assertEquals(KEYS.size(), seen.size());
    for (int i = 0; i < KEYS.size(); i++) {
      assertTrue(seen.get(i).startsWith(KEYS.get(i) + ":" + user + " on task-"), seen.get(i));
    }
  }

  @TestConfiguration
  static class Owners {
    @Bean
    WhoAmI whoAmI(
        @Qualifier(TaskExecutionAutoConfiguration.APPLICATION_TASK_EXECUTOR_BEAN_NAME)
            Executor executor) {
      return new WhoAmICoordinator(executor);
    }
  }
}
