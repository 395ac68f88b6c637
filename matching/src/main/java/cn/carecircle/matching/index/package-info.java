/**
 * The live candidate index: who is online, where, and who could reach a point within a time limit.
 * In-memory for tests and simulation, Redis GEO for production.
 */
package cn.carecircle.matching.index;
