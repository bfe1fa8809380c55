package dev.faasjvm.runtime.cluster;

import java.time.Instant;

/**
 * What a node publishes about itself under its lease ({@code {prefix}nodes/{name}}). Immutable.
 *
 * @param name the node's name
 * @param url the base URL its peers call it at, without a trailing slash
 * @param startedAt when it joined
 */
public record NodeInfo(String name, String url, Instant startedAt) {
}
