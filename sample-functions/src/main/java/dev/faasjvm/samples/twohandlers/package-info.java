/** A test fixture: a JAR with two handler classes. */
package dev.faasjvm.samples.twohandlers;
