package dev.fanout.processor.model;

/** The three fan-out annotations, as asyncio's three styles. */
public enum SiteKind {
  GATHER("dev.fanout.Gather"),
  WAIT("dev.fanout.Wait"),
  AS_COMPLETED("dev.fanout.AsCompleted");

  private final String annotationName;

  SiteKind(String annotationName) {
    this.annotationName = annotationName;
  }

  /** The annotation's qualified name, e.g. {@code dev.fanout.Gather}. */
  public String annotationName() {
    return annotationName;
  }

  /** The annotation as a user writes it, e.g. {@code @Gather}. */
  public String display() {
    return "@" + annotationName.substring(annotationName.lastIndexOf('.') + 1);
  }
}
