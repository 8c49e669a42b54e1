package dev.fanout.processor.model;

import com.palantir.javapoet.TypeName;

/** A parameter of a user's method or constructor, copied into the coordinator as it is. */
public record Parameter(String name, TypeName type) {}
