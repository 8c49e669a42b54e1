package dev.fanout.examples.spring;

import java.math.BigDecimal;
import java.util.concurrent.Executor;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.task.TaskExecutionAutoConfiguration;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.annotation.EnableAsync;

/** A Spring Boot application whose {@link PriceBoard} is a fanout coordinator. */
@SpringBootApplication
@EnableCaching
@EnableAsync
public class PriceApplication {

  /** Runs the application. */
  public static void main(String[] args) {
    SpringApplication.run(PriceApplication.class, args);
  }

  /** The coordinator, its tasks on Boot's auto-configured task executor. */
  @Bean
  PriceBoard priceBoard(
      @Qualifier(TaskExecutionAutoConfiguration.APPLICATION_TASK_EXECUTOR_BEAN_NAME)
          Executor executor,
      QuoteSource source) {
    return new PriceBoardCoordinator(executor, source);
  }

  /** A stand-in for the providers' remote calls. */
  @Bean
  QuoteSource quoteSource() {
    return (provider, sku) -> BigDecimal.valueOf(provider.length() * 10L + sku.length());
  }
}
