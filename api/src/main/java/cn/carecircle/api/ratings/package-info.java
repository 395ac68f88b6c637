/**
 * Ratings (好差评): five-level ratings of completed orders, the follow-up case every bad rating opens with its
 * working-day deadline on the Chinese holiday calendar, provider appeals, reputation for matching, suspension after
 * repeated upheld bad ratings, and the community's rating statistics.
 */
package cn.carecircle.api.ratings;
