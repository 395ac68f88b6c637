/**
 * What every feature shares: the problem responses (RFC 9457), field validation rules a Chinese user expects,
 * protection of personal data at rest, masking, paging and the clock.
 */
package cn.carecircle.api.common;
