/**
 * Several faas-jvm nodes sharing one desired state in etcd, shaped as Kubernetes controllers are
 * (DESIGN.md "Beyond one machine"): an API call on any node writes the desired state to etcd with
 * compare-and-set on the key's revision ({@link dev.faasjvm.runtime.cluster.ClusterBackend}); every
 * node watches etcd ({@link dev.faasjvm.runtime.cluster.ClusterView}) and reconciles its own local
 * registry to it ({@link dev.faasjvm.runtime.cluster.Reconciler}), placing each function's
 * cluster-wide replicas across the live nodes ({@link dev.faasjvm.runtime.cluster.Placement}) that
 * hold a lease in etcd ({@link dev.faasjvm.runtime.cluster.Membership}; a node that lost its lease
 * serves no call until it has caught up); only the nodes a function's replicas are placed on load
 * it, each publishes what it has available ({@link dev.faasjvm.runtime.cluster.HeldReplicas}) for
 * the cluster's totals; a call to a node without a local replica is forwarded one hop, and a node
 * pulls a JAR it does not have from a peer by its
 * hash ({@link dev.faasjvm.runtime.cluster.Peers}, {@link dev.faasjvm.runtime.cluster.NodeRoutes}).
 * The local registry underneath keeps its state in memory only: etcd is the one store. Nothing
 * outside this package and the root's wiring knows there is a cluster.
 */
package dev.faasjvm.runtime.cluster;
