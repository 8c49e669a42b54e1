/**
 * Functional tests of generated coordinators; the owners and tests live in {@code src/test}.
 */
package dev.fanout.functional;
