package dev.fanout.processor.validation;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import javax.lang.model.element.Element;
import javax.lang.model.element.PackageElement;
import javax.lang.model.util.Elements;

/**
 * The lint categories that a generated member using deprecated elements would warn in:
 * {@code deprecation}, or {@code removal} for {@code forRemoval = true}. The writer suppresses
 * exactly these on that member, as Dagger does, so that {@code -Werror} builds keep compiling.
 */
final class Deprecations {
  private Deprecations() {}

  /** The categories for using (calling, overriding or naming) each of {@code used}, sorted. */
  static List<String> of(Elements elements, List<? extends Element> used) {
    Set<String> categories = new TreeSet<>();
    for (Element element : used) {
      if (elements.isDeprecated(element)) {
        Deprecated annotation = element.getAnnotation(Deprecated.class);
        categories.add(annotation != null && annotation.forRemoval() ? "removal" : "deprecation");
      }
    }
    return List.copyOf(categories);
  }

  /** {@code type} and the types it is nested in: a qualified name uses each of them. */
  static List<Element> withEnclosingTypes(Element type) {
    List<Element> chain = new ArrayList<>();
    for (Element e = type; e != null && !(e instanceof PackageElement);
        e = e.getEnclosingElement()) {
      chain.add(e);
    }
    return chain;
  }
}
