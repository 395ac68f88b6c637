/**
 * The load driver behind the benchmarks of README.md: candidate search against two PostgreSQL
 * baselines, heartbeat ingest, and how query time grows. Not a test; run it with the {@code bench}
 * profile.
 */
package cn.carecircle.matching.bench;
