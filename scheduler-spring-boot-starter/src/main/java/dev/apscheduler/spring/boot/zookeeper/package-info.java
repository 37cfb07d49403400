/**
 * The {@code zookeeper} job store: jobs kept as znodes holding their JSON state under a base path of a ZooKeeper
 * ensemble, through Apache Curator, shared safely by several scheduler instances that ZooKeeper's watches wake at
 * once.
 */
@NullMarked
package dev.apscheduler.spring.boot.zookeeper;

import org.jspecify.annotations.NullMarked;
