/**
 * Value types shared by every part of matching: services, positions, time windows, travel modes and
 * the other small vocabularies. They validate themselves when built.
 */
package cn.carecircle.matching.domain;
