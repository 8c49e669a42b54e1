/**
 * jcstress tests of the engine's racy points. Each test drives a {@code FanOutCall} only through
 * the surface that generated code calls, with stage tasks whose {@code CompletableFuture}s the
 * actors complete, so that the actors themselves are the racing threads; no executor thread
 * takes part. The arbiter checks what the contract promises whichever actor wins.
 */
package dev.fanout.jcstress;
