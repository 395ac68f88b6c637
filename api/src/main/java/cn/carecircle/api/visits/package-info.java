/**
 * Monthly visits (月探访) to special-difficulty elders (特殊困难老年人): one visit slot per flagged elder and calendar
 * month (China time), the visits that fill them with what was found and what follows, each community's allowed ways
 * of visiting, and the month's figures (planned, visited, 探访率) with the elders still to visit, overdue first.
 */
package cn.carecircle.api.visits;
