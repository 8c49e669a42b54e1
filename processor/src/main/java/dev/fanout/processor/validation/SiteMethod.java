package dev.fanout.processor.validation;

import java.util.List;
import java.util.Optional;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ExecutableType;
import javax.lang.model.type.TypeMirror;

/**
 * A fan-out method under validation: its declaration, its signature as a member of the owner,
 * and its annotation.
 */
record SiteMethod(ExecutableElement element, ExecutableType type, SiteAnnotation annotation) {

  String name() {
    return element.getSimpleName().toString();
  }

  List<? extends VariableElement> parameters() {
    return element.getParameters();
  }

  TypeMirror parameterType(int index) {
    return type.getParameterTypes().get(index);
  }

  String parameterName(int index) {
    return element.getParameters().get(index).getSimpleName().toString();
  }

  Optional<Integer> parameterIndex(String name) {
    for (int i = 0; i < element.getParameters().size(); i++) {
      if (parameterName(i).equals(name)) {
        return Optional.of(i);
      }
    }
    return Optional.empty();
  }

  String display() {
    return annotation.kind().display();
  }
}
