package dev.fanout.processor.validation;

import java.util.List;
import java.util.Set;
import javax.annotation.processing.Messager;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.tools.Diagnostic;

/**
 * The errors of one owner: each is printed at once, on the smallest location known, and the
 * owner is clean only if none was.
 */
public final class Report {
  private final Messager messager;
  private final Set<List<Object>> printed;
  private boolean clean = true;

  /**
   * A report printing to {@code messager}; {@code printed} is shared by the reports of one
   * processor, so that an inherited element's error seen from two owners is printed once.
   */
  public Report(Messager messager, Set<List<Object>> printed) {
    this.messager = messager;
    this.printed = printed;
  }

  public void error(String message, Element element) {
    error(message, element, null, null);
  }

  public void error(String message, Element element, AnnotationMirror annotation) {
    error(message, element, annotation, null);
  }

  public void error(
      String message, Element element, AnnotationMirror annotation, AnnotationValue value) {
    clean = false;
    if (printed.add(List.of(message, new Identity(element)))) {
      messager.printMessage(Diagnostic.Kind.ERROR, message, element, annotation, value);
    }
  }

  /** Marks the owner invalid without a message, where javac reports the fault itself. */
  public void invalidWithoutMessage() {
    clean = false;
  }

  public boolean isClean() {
    return clean;
  }

  /** Compares elements by identity: equal messages on different elements are both printed. */
  private record Identity(Element element) {
    @Override
    public boolean equals(Object other) {
      return other instanceof Identity that && that.element == element;
    }

    @Override
    public int hashCode() {
      return System.identityHashCode(element);
    }
  }
}
