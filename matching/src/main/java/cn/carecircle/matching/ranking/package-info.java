/**
 * The ranking score of eligible providers and its explanation, one component at a time (travel,
 * rating, reliability, continuity, fairness, language).
 */
package cn.carecircle.matching.ranking;
