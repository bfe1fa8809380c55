/** The {@code lifecycle} sample: reports its replica, thread and class-loader age, and logs its close, for scaling tests. */
package dev.faasjvm.samples.lifecycle;
