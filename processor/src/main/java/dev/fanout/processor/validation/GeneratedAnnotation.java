package dev.fanout.processor.validation;

import javax.lang.model.element.ModuleElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;

/**
 * Whether {@code @javax.annotation.processing.Generated} may be written on a coordinator. It lives
 * in the module {@code java.compiler}, which a named user module need not read; there the
 * coordinator goes without it, as AutoValue's does.
 */
public final class GeneratedAnnotation {
  /** The annotation that marks a coordinator, when its module can see it. */
  public static final String NAME = "javax.annotation.processing.Generated";

  private GeneratedAnnotation() {}

  /** Whether code in {@code owner}'s module (named or not) can see {@code @Generated}. */
  public static boolean isVisibleFrom(TypeElement owner, Elements elements) {
    ModuleElement module = elements.getModuleOf(owner);
    TypeElement generated = module == null
        ? elements.getTypeElement(NAME)
        : elements.getTypeElement(module, NAME);
    return generated != null;
  }
}
