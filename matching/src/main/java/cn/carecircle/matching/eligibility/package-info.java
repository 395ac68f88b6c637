/**
 * The eligibility rules. Every failed rule is named, so a worker can read why someone is not offered
 * a job, and each rule says whether a manual assignment may override it.
 */
package cn.carecircle.matching.eligibility;
