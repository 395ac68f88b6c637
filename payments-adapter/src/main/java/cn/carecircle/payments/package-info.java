/**
 * The payment port: what the rest of CareCircle may ask of a payment provider (app payments, refunds,
 * profit sharing, verified notifications), with money in integer fen and a typed exception tree.
 * Adapters live in sub-packages; nothing here knows which provider is behind the port.
 */
package cn.carecircle.payments;
