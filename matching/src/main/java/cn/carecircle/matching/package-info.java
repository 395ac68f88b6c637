/**
 * The matching engine: who may serve an elder for a request, and in what order, with the reasons a
 * community worker can read. Entry point: {@link cn.carecircle.matching.MatchingEngine}.
 */
package cn.carecircle.matching;
