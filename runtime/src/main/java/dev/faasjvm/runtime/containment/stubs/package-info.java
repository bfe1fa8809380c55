/**
 * The stand-ins a function's rewritten classes call instead of the JDK members that act on the
 * whole JVM. This is the one package of the runtime, besides the API, that a function's class
 * loader can see (by exact name, through the API-only loader), because rewritten code must link
 * against it. Each method takes the calling class as its last argument, which names the function.
 * These are not an API: a function calls them only through the rewrite.
 */
package dev.faasjvm.runtime.containment.stubs;
