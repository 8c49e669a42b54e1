package dev.fanout.processor.validation;

import dev.fanout.processor.model.ReturnCondition;
import dev.fanout.processor.model.SiteKind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.util.Elements;

/**
 * A fan-out annotation as written, with the {@link AnnotationValue}s that errors point at.
 *
 * @param kind which of the three annotations
 * @param mirror the annotation on the method
 * @param names the task names in order, each with its value
 * @param namesValue the whole {@code value} attribute
 * @param returnExceptions {@code @Gather}'s returnExceptions (false elsewhere)
 * @param cancelOnFailure {@code @Gather}'s cancelOnFailure (true elsewhere), with its value
 * @param maxConcurrency the attribute, with its value
 * @param timeout the attribute as written, with its value
 * @param returnWhen {@code @Wait}'s returnWhen ({@code ALL_COMPLETED} elsewhere)
 */
record SiteAnnotation(
    SiteKind kind,
    AnnotationMirror mirror,
    List<Named> names,
    AnnotationValue namesValue,
    boolean returnExceptions,
    Attribute<Boolean> cancelOnFailure,
    Attribute<Integer> maxConcurrency,
    Attribute<String> timeout,
    ReturnCondition returnWhen) {

  /** One task name in {@code value}, with the value to point an error at. */
  record Named(String name, AnnotationValue value) {}

  /** An attribute's value, with the annotation value to point an error at. */
  record Attribute<T>(T value, AnnotationValue source) {}

  /** Whether the attribute {@code name} is written out, not left to its default. */
  boolean isWritten(String name) {
    return mirror.getElementValues().keySet().stream()
        .anyMatch(attribute -> attribute.getSimpleName().contentEquals(name));
  }

  /** The fan-out annotations on a method, in the order written. */
  static List<AnnotationMirror> fanOutMirrors(ExecutableElement method) {
    List<AnnotationMirror> found = new ArrayList<>();
    for (AnnotationMirror mirror : method.getAnnotationMirrors()) {
      if (kindOf(mirror).isPresent()) {
        found.add(mirror);
      }
    }
    return found;
  }

  static Optional<SiteKind> kindOf(AnnotationMirror mirror) {
    String name = ((TypeElement) mirror.getAnnotationType().asElement()).getQualifiedName()
        .toString();
    for (SiteKind kind : SiteKind.values()) {
      if (kind.annotationName().equals(name)) {
        return Optional.of(kind);
      }
    }
    return Optional.empty();
  }

  /**
   * Reads {@code mirror}; empty where an attribute is not of its declared type, which javac
   * reports itself.
   */
  static Optional<SiteAnnotation> read(AnnotationMirror mirror, Elements elements) {
    Map<String, AnnotationValue> values = byName(mirror, elements);
    SiteKind kind = kindOf(mirror).orElseThrow();
    AnnotationValue namesValue = values.get("value");
    Optional<List<Named>> names = names(namesValue);
    Object max = value(values, "maxConcurrency", 0);
    Object timeout = value(values, "timeout", "");
    Object returnExceptions = value(values, "returnExceptions", false);
    Object cancelOnFailure = value(values, "cancelOnFailure", true);
    Optional<ReturnCondition> returnWhen = returnWhen(values.get("returnWhen"));
    if (names.isEmpty() || !(max instanceof Integer) || !(timeout instanceof String)
        || !(returnExceptions instanceof Boolean) || !(cancelOnFailure instanceof Boolean)
        || returnWhen.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new SiteAnnotation(kind, mirror, names.get(), namesValue,
        (Boolean) returnExceptions,
        new Attribute<>((Boolean) cancelOnFailure, values.get("cancelOnFailure")),
        new Attribute<>((Integer) max, values.get("maxConcurrency")),
        new Attribute<>((String) timeout, values.get("timeout")), returnWhen.get()));
  }

  private static Map<String, AnnotationValue> byName(
      AnnotationMirror mirror, Elements elements) {
    Map<String, AnnotationValue> values = new HashMap<>();
    elements.getElementValuesWithDefaults(mirror)
        .forEach((key, value) -> values.put(key.getSimpleName().toString(), value));
    return values;
  }

  private static Object value(Map<String, AnnotationValue> values, String name, Object absent) {
    AnnotationValue value = values.get(name);
    return value == null ? absent : value.getValue();
  }

  private static Optional<List<Named>> names(AnnotationValue value) {
    if (value == null || !(value.getValue() instanceof List<?> list)) {
      return Optional.empty();
    }
    List<Named> names = new ArrayList<>();
    for (Object item : list) {
      if (!(item instanceof AnnotationValue entry) || !(entry.getValue() instanceof String s)) {
        return Optional.empty();
      }
      names.add(new Named(s, entry));
    }
    return Optional.of(names);
  }

  private static Optional<ReturnCondition> returnWhen(AnnotationValue value) {
    if (value == null) {
      return Optional.of(ReturnCondition.ALL_COMPLETED);
    }
    if (!(value.getValue() instanceof VariableElement constant)) {
      return Optional.empty();
    }
    for (ReturnCondition when : ReturnCondition.values()) {
      if (constant.getSimpleName().contentEquals(when.name())) {
        return Optional.of(when);
      }
    }
    return Optional.empty();
  }
}
