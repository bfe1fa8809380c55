/**
 * etcd as faas-jvm's shared store: a small client of etcd's v3 JSON gateway (key-value, transactions
 * for compare-and-set on revisions, leases, watches) over the JDK's HTTP client and Jackson, and the
 * etcd-backed {@code DeploymentStore}, {@code SecretStore} and {@code NamespaceStore} that several
 * nodes share. Nothing here knows Jetty, the HTTP surface or the registry; the cluster package
 * builds on it.
 */
package dev.faasjvm.runtime.etcd;
