package dev.fanout.processor.writer;

import com.palantir.javapoet.ClassName;

/** The names of the runtime types that generated code uses. */
final class EngineTypes {
  private EngineTypes() {}

  static final ClassName FAN_OUT_CALL = ClassName.get("dev.fanout.internal", "FanOutCall");
  static final ClassName SITE = ClassName.get("dev.fanout.internal", "Site");
  static final ClassName DEFAULT_EXECUTOR = ClassName.get("dev.fanout.internal", "DefaultExecutor");
  static final ClassName DEPENDENCY = ClassName.get("dev.fanout.internal", "Dependency");
  static final ClassName TASK_FUNCTION = ClassName.get("dev.fanout.internal", "TaskFunction");
  static final ClassName STAGE_FUNCTION = ClassName.get("dev.fanout.internal", "StageFunction");
  static final ClassName TASK = ClassName.get("dev.fanout", "Task");
  static final ClassName RETURN_WHEN = ClassName.get("dev.fanout", "ReturnWhen");
  static final ClassName EXECUTOR = ClassName.get("java.util.concurrent", "Executor");
  static final ClassName DURATION = ClassName.get("java.time", "Duration");
  static final ClassName OBJECTS = ClassName.get("java.util", "Objects");
  static final ClassName GENERATED = ClassName.get("javax.annotation.processing", "Generated");
  static final ClassName SUPPRESS_WARNINGS = ClassName.get("java.lang", "SuppressWarnings");
  static final ClassName OVERRIDE = ClassName.get("java.lang", "Override");

  /** What {@code @Generated} names: the processor, as SPEC requires. */
  static final String PROCESSOR = "dev.fanout.processor.FanoutProcessor";
}
