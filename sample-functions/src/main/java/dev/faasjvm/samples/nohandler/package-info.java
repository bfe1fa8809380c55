/** A test fixture: a JAR with no handler class. */
package dev.faasjvm.samples.nohandler;
