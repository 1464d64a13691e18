package org.furnacewatch.notify;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The stage combinator and the retry decision, without a store: time and jitter injected. */
class DeliveryStagesTest {
  private static final Instant NOW = Instant.parse("2026-03-02T02:00:00Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  @Test
  void sequence_runsInOrder_andStopsAtTheFirstNull() throws Exception {
    List<String> ran = new ArrayList<>();
    Stage<String> s = Stage.sequence(x -> { ran.add("a"); return x; }, x -> { ran.add("b"); return null; }, x -> { ran.add("c"); return x; });
    assertNull(s.exec("alert"));
    assertEquals(List.of("a", "b"), ran);
  }

  /** Default routing: maxTries 12 (see RoutingConfig.DEFAULT), backoff base 5 s; jitter 1 waits the full step. */
  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "a success is left alone,                       -1, none,  false, ",
      "a retryable first failure waits one step,       0, 503,   true,  5",
      "the third failure waits four steps,              2, 503,   true,  20",
      "an error that cannot be retried parks at once,  0, 400,   false, ",
      "the last allowed try parks,                     11, 503,  true,  ",
  })
  void retry_decides(String intent, int previousAttempts, String error, boolean retryable, Long waitSeconds) throws Exception {
    RetryStage retry = new RetryStage(new RoutingStore(null, CLOCK, ZoneId.of("Asia/Shanghai")), CLOCK, () -> 1.0);
    Attempt a = new Attempt(delivery(Math.max(previousAttempts, 0)));
    if (!"none".equals(error)) a.error = new Notifier.DeliveryException(error, retryable);
    retry.exec(a);
    assertEquals(waitSeconds == null ? null : NOW.plusSeconds(waitSeconds), a.retryAt, intent);
    assertEquals(a.error != null && waitSeconds == null, a.parked(), intent);
  }

  private static Deliveries.Delivery delivery(int attempts) {
    return new Deliveries.Delivery(1, UUID.randomUUID(), "NEW", "500102", "webhook", Map.of("type", "webhook", "url", "http://x"),
        "k", "PENDING", attempts, NOW, null, "{}", NOW, null, null);
  }
}
