/**
 * Records mirroring the OpenFaaS faas-provider wire types ({@code types/*} and {@code logs.Message}),
 * plus the one shared Jackson mapper, {@link dev.faasjvm.runtime.wire.Json}, that reads and writes
 * them the way Go's {@code encoding/json} does: keys match case-insensitively, unknown keys are
 * ignored, {@code null} becomes the zero value, {@code omitempty} fields vanish when empty, times are
 * RFC 3339 and floats print minimally; small parsers for other Go value formats faas-provider uses
 * (durations) live here too. Record and JSON property names copy faas-provider's, so each record can
 * be checked line by line against the Go struct. This package depends only on Jackson and
 * the JDK: nothing here knows about HTTP, routes, the function registry or class loaders, and business
 * rules (a required service name, RFC 1123 names) belong to the callers. No record holds or returns a
 * {@code null} string or collection; absent ones are empty.
 */
package dev.faasjvm.runtime.wire;
