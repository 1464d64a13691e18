package org.furnacewatch.notify;

import java.sql.SQLException;
import java.util.List;

/**
 * One step of alert delivery, after Prometheus Alertmanager's {@code Stage.Exec(ctx, alerts) -> alerts}: it does its
 * part for what flows through and passes it on, or ends the run by returning {@code null}.
 *
 * <p>Two pipelines are built from stages, each a list that reads like the data flow:
 * <ul>
 *   <li>an alert being opened ({@link Opening}, inside the alert's transaction):
 *       {@link SilenceStage} -> {@link SeverityStage} -> {@link RouteStage} (which fans out: one outbox row per
 *       receiver);</li>
 *   <li>per receiver, each outbox row on its own virtual thread ({@link Attempt}):
 *       {@link RenderStage} -> {@link SendStage} -> {@link RetryStage} -> {@link RecordStage}.</li>
 * </ul>
 */
@FunctionalInterface
public interface Stage<T> {
  /** Does this stage's part for {@code item}; returns what the next stage gets, or null to end the run here. */
  T exec(T item) throws SQLException;

  /** The stages in order; the first {@code null} ends the run. */
  @SafeVarargs
  static <T> Stage<T> sequence(Stage<T>... stages) {
    List<Stage<T>> list = List.of(stages);
    return item -> {
      T x = item;
      for (Stage<T> s : list) {
        if (x == null) {
          return null;
        }
        x = s.exec(x);
      }
      return x;
    };
  }
}
